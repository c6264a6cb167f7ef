// The namespace-scoped install (SKYMAP_NAMESPACES). Flows are limited at ingest: Relay is asked for
// the install's namespaces only (a GetFlows whitelist, so fewer bytes cross the wire), and whatever
// still arrives outside them (a Relay that ignores a filter, an endpoint whose namespace is only in
// its labels) is dropped before the hub stores it. Everything the hub holds — history, map, drops,
// rates — is therefore already limited to the install's namespaces.
import { flowInScope } from '../auth/scope-filters';
import type { FlowEvent } from '../domain/flow';
import type { RelayFlowFilter } from '../sources/hubble/relay-types';

/**
 * Relay whitelist for the install's namespaces: filters are OR-ed, so one filter per side keeps a
 * flow with either endpoint in one of them (Hubble's `ns/` pod filter matches a whole namespace).
 */
export function namespaceWhitelist(namespaces: readonly string[] | undefined): RelayFlowFilter[] | undefined {
  if (namespaces === undefined) return undefined;
  const prefixes = namespaces.map((ns) => `${ns}/`);
  return [{ source_pod: prefixes }, { destination_pod: prefixes }];
}

export interface IngestBatch {
  readonly events: readonly FlowEvent[];
  readonly wires: readonly (Uint8Array | undefined)[] | undefined;
}

/**
 * Flows with neither endpoint in `namespaces` are dropped (with their wire bytes, index for index);
 * lost-event and node-status events concern Hubble agents, not namespaces, and are kept.
 */
export function keepNamespaces(
  events: readonly FlowEvent[],
  wires: readonly (Uint8Array | undefined)[] | undefined,
  namespaces: readonly string[] | undefined,
): IngestBatch & { readonly dropped: number } {
  if (namespaces === undefined) return { events, wires, dropped: 0 };
  let firstOut = -1;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (event.kind === 'flow' && !flowInScope(event.flow, namespaces)) {
      firstOut = i;
      break;
    }
  }
  if (firstOut < 0) return { events, wires, dropped: 0 };
  const keptEvents: FlowEvent[] = events.slice(0, firstOut);
  const keptWires: (Uint8Array | undefined)[] | undefined = wires?.slice(0, firstOut);
  let dropped = 0;
  for (let i = firstOut; i < events.length; i++) {
    const event = events[i]!;
    if (event.kind === 'flow' && !flowInScope(event.flow, namespaces)) {
      dropped += 1;
      continue;
    }
    keptEvents.push(event);
    keptWires?.push(wires?.[i]);
  }
  return { events: keptEvents, wires: keptWires, dropped };
}
