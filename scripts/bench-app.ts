// Plumbing for the benchmarks that drive the real app: a synthetic Hubble Relay (the demo's gRPC
// Observer server fed from bench-synthetic.ts), the production build started against it, and
// headless Chromium. Everything on loopback; everything started here is stopped by close().

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { createMemorySource, createObserverServer } from '../server/demo/observer';
import type { FlowEvent } from '../server/domain/flow';
import { ROOT, sleep } from './bench-support';
import { edgeFlow, makeTopology, type Topology } from './bench-synthetic';

export interface SyntheticRelay {
  readonly address: string;
  readonly topology: Topology;
  publish(events: readonly FlowEvent[]): void;
  close(): Promise<void>;
}

/** A Relay whose map has `nodes` workloads and `edges` edges, `changing` of them refreshed every second. */
export async function startSyntheticRelay(
  nodes: number,
  edges: number,
  changing: number,
): Promise<SyntheticRelay> {
  const topology = makeTopology(nodes, edges);
  const source = createMemorySource({
    nodes: Array.from({ length: 50 }, (_, i) => ({ name: `worker-${i}`, state: 'NODE_CONNECTED' as const })),
    capacityPerNode: 4095,
  });
  const server = await createObserverServer({ source, host: '127.0.0.1', port: 0 });
  let serial = 0;
  let cursor = 0;
  const feed = (count: number) => {
    const now = Date.now();
    for (let done = 0; done < count; done += 1000) {
      const batch: FlowEvent[] = [];
      for (let i = done; i < Math.min(count, done + 1000); i++) {
        batch.push(edgeFlow(topology, cursor, now, serial++));
        cursor = (cursor + 1) % topology.edges.length;
      }
      source.publish(batch);
    }
  };
  feed(edges);
  const timer = setInterval(() => feed(changing), 1000);
  return {
    address: server.address,
    topology,
    publish: (events) => source.publish(events),
    async close() {
      clearInterval(timer);
      await server.close();
    },
  };
}

export const DIST_DIR = process.env.SKYMAP_BENCH_DIST_DIR ?? '.next-perf';

/** Builds the app into DIST_DIR (.next-perf, or $SKYMAP_BENCH_DIST_DIR) unless a build is there already (or `force`). */
export function ensureBuild(force: boolean): void {
  if (!force && existsSync(path.join(ROOT, DIST_DIR, 'standalone', 'server.js'))) return;
  console.log(`building the app into ${DIST_DIR} (a few minutes)…`);
  const r = spawnSync('npm', ['run', 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, SKYMAP_DIST_DIR: DIST_DIR },
  });
  // Next rewrites tsconfig.json during a build; keep the committed one.
  spawnSync('git', ['checkout', 'tsconfig.json'], { cwd: ROOT, stdio: 'ignore' });
  if (r.status !== 0) throw new Error('build failed');
}

export interface App {
  readonly url: string;
  readonly process: ChildProcess;
  close(): Promise<void>;
}

/** Starts the production server against `relayAddress` and waits for /healthz. */
export async function startApp(port: number, env: Record<string, string>): Promise<App> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, SKYMAP_DIST_DIR: DIST_DIR, PORT: String(port), SKYMAP_HOST: '127.0.0.1', ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the app did not become healthy within 60 s');
    await sleep(250);
  }
  return {
    url,
    process: child,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
