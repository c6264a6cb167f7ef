// Deterministic ordering shared by the server (toMapView) and the browser (applyDiff): both must sort
// identically or a diff applied in the browser would not equal the server's next view. Plain
// code-unit comparison on purpose: localeCompare depends on the runtime's locale.

import type { MapEdgeRef, MapNode } from './view-types';

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareNodes(a: MapNode, b: MapNode): number {
  return compareStrings(a.id, b.id);
}

/** Edges by source, target, protocol, then port (null first). */
export function compareEdges(a: MapEdgeRef, b: MapEdgeRef): number {
  return (
    compareStrings(a.source, b.source) ||
    compareStrings(a.target, b.target) ||
    compareStrings(a.protocol, b.protocol) ||
    (a.port ?? -1) - (b.port ?? -1)
  );
}

/** A string identifying an edge; NUL cannot occur in node ids or protocol names. */
export function edgeKey(edge: MapEdgeRef): string {
  return `${edge.source}\u0000${edge.target}\u0000${edge.protocol}\u0000${edge.port ?? ''}`;
}

export function edgeRef(edge: MapEdgeRef): MapEdgeRef {
  return { source: edge.source, target: edge.target, protocol: edge.protocol, port: edge.port };
}
