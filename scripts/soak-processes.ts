// The processes a soak runs: Skymap's production server, and optionally the demo cluster in its own
// process (`--demo separate`), so that the flow generator and encoder do not share Skymap's event
// loop and CPU figures are Skymap's alone.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../server/test-support/free-port';

// Re-exported: callers import it from here with the rest of the process helpers.
export { freePort };

export interface Proc {
  readonly child: ChildProcess;
  readonly pid: number;
  output(): string;
  stop(): void;
}

function launch(args: readonly string[], env: NodeJS.ProcessEnv): Proc {
  let output = '';
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (c: Buffer) => {
    // Only the tail matters for error reports; a soak runs for many minutes.
    output = (output + c.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (child.pid === undefined) throw new Error(`could not start ${args.join(' ')}`);
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.on('exit', stop);
  return { child, pid: child.pid, output: () => output, stop };
}

export interface Demo extends Proc {
  readonly relayAddress: string;
  readonly kubeconfig: string;
}

/** `npm run demo-cluster` at `rate` flows/s on free loopback ports; resolves once it listens. */
export async function startSeparateDemo(rate: number): Promise<Demo> {
  const [relayPort, kubePort] = [await freePort(), await freePort()];
  const kubeconfig = path.join(os.tmpdir(), `skymap-soak-${process.pid}.kubeconfig`);
  const proc = launch(['--import', 'tsx', 'server/demo/main.ts'], {
    ...process.env,
    SKYMAP_DEMO_FLOW_RATE: String(rate),
    DEMO_RELAY_PORT: String(relayPort),
    DEMO_KUBE_PORT: String(kubePort),
    DEMO_KUBECONFIG: kubeconfig,
    NODE_OPTIONS: '',
  });
  const deadline = Date.now() + 60_000;
  while (!proc.output().includes('kubeconfig:')) {
    if (proc.child.exitCode !== null) throw new Error(`demo cluster exited:\n${proc.output()}`);
    if (Date.now() > deadline) throw new Error(`demo cluster not up within 60 s:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { ...proc, relayAddress: `127.0.0.1:${relayPort}`, kubeconfig };
}

/** The production server (scripts/start.mjs); without `demo` it starts its embedded demo cluster. */
export function startSkymap(port: number, rate: number, tickMs: number, demo?: Demo): Proc {
  return launch(['scripts/start.mjs'], {
    ...process.env,
    PORT: String(port),
    SKYMAP_DEMO_FLOW_RATE: String(rate),
    SKYMAP_TICK_MS: String(tickMs),
    HUBBLE_RELAY_ADDR: demo?.relayAddress ?? '',
    KUBECONFIG: demo?.kubeconfig ?? '',
  });
}

const TICKS_PER_SECOND = 100;

/** User + system CPU seconds a process has used so far (/proc/<pid>/stat). */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th overall.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kb === undefined ? Number.NaN : Number(kb) * 1024;
}
