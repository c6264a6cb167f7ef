// Starts a production Skymap (`node scripts/start.mjs`, the dist dir of SKYMAP_DIST_DIR) on a free
// port with the given environment, for specs that need their own Relay / Kubernetes API instead of
// the demo cluster that playwright.config.ts starts.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { FlowEvent } from '../server/domain/flow';
import { createFaultySource, startRelay } from '../server/faults/fault-support';
import type { RelayFlowsRequest } from '../server/sources/hubble/relay-types';
import { freePort } from '../server/test-support/free-port';

// Re-exported: callers import it from here with the rest of the process helpers.
export { freePort };

const REPO = path.resolve(__dirname, '..');

export interface SkymapProcess {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

export async function startSkymap(env: Record<string, string>): Promise<SkymapProcess> {
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: String(port),
      SKYMAP_HOST: '127.0.0.1',
      SKYMAP_TICK_MS: '500',
      HUBBLE_RELAY_ADDR: '',
      KUBECONFIG: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`skymap exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`skymap did not answer /healthz within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface OwnRelaySkymap {
  readonly skymap: SkymapProcess;
  stop(): Promise<void>;
}

/**
 * A production Skymap on our own Relay (the demo cluster's Observer server) with one connected
 * node, fed `flows()` now and every `everyMs` (fresh times keep the live views showing them).
 */
export async function startOnOwnRelay(options: {
  readonly node: string;
  readonly flows: () => FlowEvent[];
  readonly everyMs: number;
  readonly env?: Record<string, string>;
  readonly onRequest?: (req: RelayFlowsRequest) => void;
}): Promise<OwnRelaySkymap> {
  const source = createFaultySource([{ name: options.node, state: 'NODE_CONNECTED' }]);
  source.publish(options.flows());
  const relay = await startRelay(source, options.onRequest ? { onRequest: options.onRequest } : {});
  const skymap = await startSkymap({ HUBBLE_RELAY_ADDR: relay.address, ...options.env });
  const timer = setInterval(() => source.publish(options.flows()), options.everyMs);
  return {
    skymap,
    stop: async () => {
      clearInterval(timer);
      await skymap.stop();
      await relay.close();
    },
  };
}
