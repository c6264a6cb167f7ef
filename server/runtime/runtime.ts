// The one Skymap runtime per process. Next.js compiles instrumentation and route handlers as separate
// module graphs, so a module-level singleton would exist twice (two Relay streams): the runtime lives
// on globalThis and start() is idempotent.
import { Hub } from '../hub/hub';
import { ReadinessLatch } from '../hub/readiness';
import type { ClusterSource } from '../sources/kubernetes/cluster-source';
import type { Config } from './config';
import { loadConfig } from './config';

export interface Runtime {
  readonly config: Config;
  readonly hub: Hub;
  readonly startedAt: number;
  /** Resolves when every source has been started (not necessarily connected). */
  readonly ready: Promise<void>;
  readonly disposers: (() => Promise<void> | void)[];
  /** Demo-cluster endpoints when Skymap runs on it. */
  demo?: { relayAddress: string; kubeApiUrl: string; kubeconfigPath: string };
  /** Kubernetes watchers, when a cluster (or the demo) is configured. */
  cluster?: ClusterSource;
  /** Whether this process has been ready once (`/readyz?latched`). */
  readonly readinessLatch: ReadinessLatch;
}

/** Starts the sources that feed the hub; assembled in start-sources.ts. */
export type SourceStarter = (runtime: Runtime) => Promise<void>;

const KEY = Symbol.for('skymap.runtime');
type Holder = { [KEY]?: Runtime };

export function currentRuntime(): Runtime | undefined {
  return (globalThis as Holder)[KEY];
}

export function startRuntime(
  config: Config,
  startSources: SourceStarter,
  now: () => number = Date.now,
): Runtime {
  const existing = currentRuntime();
  if (existing) return existing;
  const hub = new Hub({
    flowHistory: config.flowHistory,
    now,
    maxNodes: config.maxNodes,
    maxEdges: config.maxEdges,
    certExpiringDays: config.certExpiringDays,
    redact: config.redact,
  });
  const disposers: (() => Promise<void> | void)[] = [];
  const runtime: Runtime = {
    config,
    hub,
    startedAt: now(),
    readinessLatch: new ReadinessLatch(),
    disposers,
    ready: Promise.resolve(),
  };
  (globalThis as Holder)[KEY] = runtime;
  const timer = setInterval(() => hub.metrics.timeTick(() => hub.tick()), config.tickMs);
  timer.unref?.();
  disposers.push(() => clearInterval(timer));
  (runtime as { ready: Promise<void> }).ready = startSources(runtime).catch((err: unknown) => {
    console.error(`skymap: a source failed to start: ${err instanceof Error ? err.message : String(err)}`);
  });
  return runtime;
}

export async function stopRuntime(): Promise<void> {
  const runtime = currentRuntime();
  if (!runtime) return;
  delete (globalThis as Holder)[KEY];
  for (const dispose of runtime.disposers.reverse()) await dispose();
}

/** For route handlers: the runtime instrumentation started, or start it now (dev, tests). */
export async function ensureRuntime(): Promise<Runtime> {
  const existing = currentRuntime();
  if (existing) return existing;
  const { startSources } = await import('./start-sources');
  return startRuntime(loadConfig(process.env), startSources);
}
