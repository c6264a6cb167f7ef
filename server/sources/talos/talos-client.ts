// Polls the Talos API (apid, gRPC over mTLS) for each node's Version and ServiceList, one call per
// node selected with gRPC metadata `node: <ip>` (the multi-node `nodes` form is deprecated). Never
// throws: every failure becomes that node's `error`, and whole-cycle failures back off.
import { type ChannelCredentials, Client, credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { createBackoff } from '../hubble/backoff';
import { decodeServiceListResponse, decodeVersionResponse } from './talos-codec';
import { type TalosContext, withTalosPort } from './talosconfig';

export interface TalosServiceHealth {
  readonly id: string;
  readonly state: string;
  /** null = Talos reports health as unknown (service without a health check). */
  readonly healthy: boolean | null;
  readonly message: string;
}

export interface TalosNodeStatus {
  /** The address asked for (talosconfig `nodes` entry or endpoint host). */
  readonly target: string;
  readonly hostname: string | null;
  readonly version: string | null;
  readonly platform: string | null;
  readonly services: readonly TalosServiceHealth[];
  readonly error: string | null;
  readonly checkedMs: number;
}

export interface TalosClientOptions {
  readonly context: TalosContext;
  readonly onUpdate: (nodes: readonly TalosNodeStatus[]) => void;
  readonly intervalMs?: number;
  readonly timeoutMs?: number;
  readonly now?: () => number;
  /** Overrides the TLS server name check (tests, or endpoints reached through an alias). */
  readonly serverName?: string;
}

export interface TalosClient {
  /** One poll of every node now; resolves with the statuses also passed to onUpdate. */
  pollOnce(): Promise<readonly TalosNodeStatus[]>;
  start(): void;
  stop(): void;
}

const VERSION = '/machine.MachineService/Version';
const SERVICE_LIST = '/machine.MachineService/ServiceList';
const EMPTY = Buffer.alloc(0);

function errorText(err: unknown): string {
  const e = err as Partial<ServiceError>;
  if (typeof e?.details === 'string' && e.details) return e.details;
  return err instanceof Error ? err.message : String(err);
}

function hostOf(endpoint: string): string {
  const withPort = withTalosPort(endpoint);
  return withPort.slice(0, withPort.lastIndexOf(':')).replace(/^\[|\]$/g, '');
}

export function createTalosClient(options: TalosClientOptions): TalosClient {
  const { context, onUpdate } = options;
  const intervalMs = options.intervalMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? Date.now;
  const backoff = createBackoff({
    initialMs: intervalMs,
    multiplier: 2,
    maxMs: intervalMs * 10,
    jitter: 0.1,
  });
  const address = withTalosPort(context.endpoints[0] ?? '');
  let creds: ChannelCredentials | undefined;
  let client: Client | undefined;
  let setupError: string | null = null;
  try {
    creds = credentials.createSsl(context.ca, context.key, context.crt);
    client = new Client(address, creds, {
      ...(options.serverName ? { 'grpc.ssl_target_name_override': options.serverName } : {}),
    });
  } catch (err) {
    setupError = `cannot set up mTLS from TALOSCONFIG: ${errorText(err)}`;
  }
  // With no `nodes` list apid answers for itself, so ask without node metadata.
  const targets = context.nodes.length > 0 ? context.nodes : [hostOf(context.endpoints[0] ?? '')];
  const proxied = context.nodes.length > 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;

  function call(path: string, node: string): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      if (!client) return reject(new Error(setupError ?? 'client not set up'));
      const md = new Metadata();
      if (proxied) md.set('node', node);
      client.makeUnaryRequest<Buffer, Buffer>(
        path,
        (b) => b,
        (b) => b,
        EMPTY,
        md,
        { deadline: Date.now() + timeoutMs },
        (err, value) => (err ? reject(err) : resolve(value ?? EMPTY)),
      );
    });
  }

  async function pollNode(target: string): Promise<TalosNodeStatus> {
    const base = { target, hostname: null, version: null, platform: null, services: [], checkedMs: now() };
    try {
      const [vBytes, sBytes] = await Promise.all([call(VERSION, target), call(SERVICE_LIST, target)]);
      const v = decodeVersionResponse(vBytes).messages[0];
      const s = decodeServiceListResponse(sBytes).messages[0];
      const proxyError = v?.metadata?.error || s?.metadata?.error;
      return {
        ...base,
        hostname: v?.metadata?.hostname || s?.metadata?.hostname || null,
        version: v?.version.tag || null,
        platform: v?.platform?.name || null,
        services: (s?.services ?? []).map((svc) => ({
          id: svc.id,
          state: svc.state,
          healthy: svc.health.unknown ? null : svc.health.healthy,
          message: svc.health.last_message,
        })),
        error: proxyError || null,
      };
    } catch (err) {
      return { ...base, error: errorText(err) };
    }
  }

  async function pollOnce(): Promise<readonly TalosNodeStatus[]> {
    const statuses = await Promise.all(targets.map(pollNode));
    try {
      onUpdate(statuses);
    } catch (err) {
      console.error(`skymap: talos status consumer failed: ${errorText(err)}`);
    }
    return statuses;
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      pollOnce()
        .then((statuses) => {
          const allFailed = statuses.length > 0 && statuses.every((s) => s.error !== null);
          if (allFailed) schedule(backoff.next());
          else {
            backoff.reset();
            schedule(intervalMs);
          }
        })
        .catch(() => schedule(backoff.next()));
    }, delay);
    timer.unref?.();
  }

  return {
    pollOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      client?.close();
    },
  };
}
