// Server-Sent Events framing for a LiveChannel. Thin on purpose: the channel decides what to send;
// this only frames it, pings idle connections and bounds the per-client queue.
import type { ChannelMessage, LiveChannel } from '../hub/live-channel';

const encoder = new TextEncoder();
/** Messages a client may have queued before it counts as behind and is switched to snapshots. */
const MAX_QUEUED = 8;
const PING_MS = 15_000;

// A channel hands the same message object to every subscriber: encode its frame once, not once
// per browser (a 2,000-edge delta is ~1 MB; encoding it 100 times was half the fan-out cost).
const framed = new WeakMap<ChannelMessage, Uint8Array>();

export function frame(message: ChannelMessage): Uint8Array {
  let bytes = framed.get(message);
  if (bytes === undefined) {
    bytes = encoder.encode(`id: ${message.seq}\nevent: ${message.event}\ndata: ${message.data}\n\n`);
    framed.set(message, bytes);
  }
  return bytes;
}

export function sseHeaders(): HeadersInit {
  return {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  };
}

export interface SseCounters {
  opened(): void;
  closed(): void;
}

export function sseResponse(channel: LiveChannel, signal: AbortSignal, counters?: SseCounters): Response {
  let unsubscribe: (() => void) | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const cleanup = () => {
    if (closed) return;
    closed = true;
    unsubscribe?.();
    if (ping) clearInterval(ping);
    counters?.closed();
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        counters?.opened();
        controller.enqueue(encoder.encode('retry: 2000\n\n'));
        const ready = () => (controller.desiredSize ?? 0) > 0;
        unsubscribe = channel.subscribe({
          ready,
          send(message) {
            if (closed || !ready()) return false;
            controller.enqueue(frame(message));
            return true;
          },
        });
        ping = setInterval(() => {
          if (!closed && ready()) controller.enqueue(encoder.encode(': ping\n\n'));
        }, PING_MS);
        signal.addEventListener('abort', () => {
          cleanup();
          try {
            controller.close();
          } catch {
            // already closed by the runtime
          }
        });
      },
      cancel() {
        cleanup();
      },
    },
    new CountQueuingStrategy({ highWaterMark: MAX_QUEUED }),
  );
  return new Response(stream, { headers: sseHeaders() });
}
