// Shared plumbing for the bench-* scripts: flags, child processes that report JSON lines, CPU time
// of a child from /proc, medians and the machine line every report starts with.

import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function strArg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

export function intArg(name: string, fallback: number, min = 1): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
  return v;
}

export function numArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

export function hasFlag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;

export function machineLine(): string {
  const cpu = os.cpus();
  return `node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}

/** User + system CPU seconds a process has used so far (Linux /proc). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Resident set size of a process in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export interface Child {
  readonly process: ChildProcess;
  /** Resolves with the next JSON line the child prints on stdout. */
  next(): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** Runs `scripts/<script>` under tsx; its stdout JSON lines are read with next(). */
export function spawnScript(script: string, args: readonly string[], env?: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', script), ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  // --priority N (e.g. -10, needs root): on a machine shared with other work, gives the measured
  // processes the CPU first so the numbers are about the code, not the scheduler.
  const priority = process.argv.includes('--priority') ? intArg('priority', 0, -20) : undefined;
  if (priority !== undefined && child.pid !== undefined) {
    try {
      os.setPriority(child.pid, priority);
    } catch (err) {
      console.error(`cannot set priority ${priority}: ${err instanceof Error ? err.message : err}`);
    }
  }
  const queue: Record<string, unknown>[] = [];
  const waiters: ((line: Record<string, unknown>) => void)[] = [];
  let exited = false;
  const failures: ((err: Error) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('{')) {
      console.log(`  [${script}] ${line}`);
      return;
    }
    const value = JSON.parse(line) as Record<string, unknown>;
    const waiter = waiters.shift();
    if (waiter) {
      failures.shift();
      waiter(value);
    } else queue.push(value);
  });
  child.on('exit', (code) => {
    exited = true;
    for (const fail of failures.splice(0)) fail(new Error(`${script} exited with code ${code}`));
    waiters.length = 0;
  });
  return {
    process: child,
    next() {
      const ready = queue.shift();
      if (ready) return Promise.resolve(ready);
      if (exited) return Promise.reject(new Error(`${script} has exited`));
      return new Promise((resolve, reject) => {
        waiters.push(resolve);
        failures.push(reject);
      });
    },
    stop() {
      if (exited) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.stdin?.end();
        child.kill('SIGTERM');
      });
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
