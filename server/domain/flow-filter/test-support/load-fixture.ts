// Test-only: the real Hubble JSON lines in /work/shared/fixtures/flows (the repo's sibling
// `../shared`). Each line is a GetFlowsResponse; `line.flow` is kept as the raw parsed JSON so tests
// can compute expectations from it without going through the code under test.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Flow } from '../../flow';

export const FIXTURE_DIR = path.resolve(__dirname, '../../../../../shared/fixtures/flows');

export const FIXTURE_FILES = [
  'cilium-docs-export/export-rst-dropped-fieldmasked.json',
  'cilium-hubble-otel/basic-sample-10-flows.json',
  'cilium-hubble-otel/basic-sample-330-dns-flows.json',
  'cilium-hubble-otel/basic-sample-400-icmpv4-flows.json',
  'cilium-hubble-otel/basic-sample-400-tcp-flows.json',
  'cilium-hubble-otel/basic-sample-400-udp-flows.json',
  'cilium-hubble-otel/basic-sample-5-dns-flows.json',
  'cilium-hubble-otel/basic-sample-5-http-flows.json',
] as const;

/** Every flow of every fixture file, as parsed JSON (the Flow type only describes that JSON). */
export function loadAllFixtureFlows(): Flow[] {
  const flows: Flow[] = [];
  for (const file of FIXTURE_FILES) {
    const text = readFileSync(path.join(FIXTURE_DIR, file), 'utf8');
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const parsed = JSON.parse(line) as { flow?: Flow };
      if (parsed.flow !== undefined) flows.push(parsed.flow);
    }
  }
  return flows;
}
