// Test-only helper: the real Hubble JSON lines in ../shared/fixtures/flows (sibling of the repo).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FLOW_FIXTURE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/fixtures/flows',
);

/** Line counts per file, from the fixtures README. */
export const FLOW_FIXTURE_LINE_COUNTS: Readonly<Record<string, number>> = {
  'cilium-docs-export/export-rst-dropped-fieldmasked.json': 2,
  'cilium-hubble-otel/basic-sample-10-flows.json': 10,
  'cilium-hubble-otel/basic-sample-330-dns-flows.json': 330,
  'cilium-hubble-otel/basic-sample-400-icmpv4-flows.json': 18,
  'cilium-hubble-otel/basic-sample-400-tcp-flows.json': 400,
  'cilium-hubble-otel/basic-sample-400-udp-flows.json': 400,
  'cilium-hubble-otel/basic-sample-5-dns-flows.json': 5,
  'cilium-hubble-otel/basic-sample-5-http-flows.json': 5,
};

/** Every `*.json` under the fixture dir, relative paths, sorted. */
export function flowFixtureFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.json'))
        out.push(path.relative(FLOW_FIXTURE_DIR, full).split(path.sep).join('/'));
    }
  };
  walk(FLOW_FIXTURE_DIR);
  return out.sort();
}

/** Non-empty lines of one fixture file. */
export function fixtureLines(relativePath: string): string[] {
  return readFileSync(path.join(FLOW_FIXTURE_DIR, relativePath), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** Line `n` (1-based) of a fixture file. */
export function fixtureLine(relativePath: string, n: number): string {
  const line = fixtureLines(relativePath)[n - 1];
  if (line === undefined) throw new Error(`${relativePath} has no line ${n}`);
  return line;
}
