/*
 * Test-only loader for the shared Cilium/Hubble fixtures (../shared relative to the repo root).
 * The domain code itself stays free of I/O; only tests import this file.
 */

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Flow } from '../../flow';

const SHARED = new URL('../../../../../shared/fixtures/', import.meta.url);

function readText(relative: string): string {
  return readFileSync(new URL(relative, SHARED), 'utf8');
}

/** The items of k8s/cilium/policies-endpoints-identities.reconstructed.yaml (a `kind: List`). */
export function ciliumListItems(): unknown[] {
  const doc: unknown = parse(readText('k8s/cilium/policies-endpoints-identities.reconstructed.yaml'));
  const items = (doc as { items?: unknown }).items;
  if (!Array.isArray(items)) throw new Error('fixture list has no items');
  return items;
}

/** The verbatim Star Wars `rule1` CiliumNetworkPolicy (no namespace in its metadata). */
export function starWarsPolicy(): unknown {
  return parse(readText('k8s/cilium/cnp-sw-l3-l4-policy.cilium-examples.yaml'));
}

/** The four flows of k8s/cilium/hubble-flows-policy-attribution.reconstructed.json, in file order. */
export function attributionFlows(): Flow[] {
  const doc = JSON.parse(readText('k8s/cilium/hubble-flows-policy-attribution.reconstructed.json')) as {
    responses: { flow: Flow }[];
  };
  return doc.responses.map((response) => response.flow);
}

/** JSON-lines flow fixtures under flows/. */
export function jsonLineFlows(relative: string): Flow[] {
  return readText(`flows/${relative}`)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { flow: Flow }).flow);
}

/** The CiliumEndpoint of the fixture list: its identity labels as Hubble writes them. */
export function deathstarEndpointLabels(): string[] {
  const cep = ciliumListItems().find((item) => (item as { kind?: string }).kind === 'CiliumEndpoint') as {
    status: { identity: { labels: string[] } };
  };
  return cep.status.identity.labels;
}
