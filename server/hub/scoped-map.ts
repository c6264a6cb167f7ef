// The service map as one person may see it: the view for what they asked, then scopeMapView keeps
// edges with an end in their scope and strips what foreign peers would otherwise reveal (counters
// from traffic between foreign namespaces, badges).
import { scopeMapView } from '../auth/scope-filters';
import type { MapQuery, MapView } from '../domain/service-map';
import { type NamespaceScope, scopeKey } from './scoped';

/**
 * The query actually built for a scope. A namespace filter the person gave is kept (the scope then
 * cuts the result to edges with an end in scope too); without one the view is built for the scope's
 * namespaces, which already keeps only edges with an end in scope. Null: nothing can be visible.
 */
export function scopedMapQuery(query: MapQuery, scope: NamespaceScope): MapQuery | null {
  if (scope === 'all') return query;
  if (scope.length === 0) return null;
  if (query.namespaces !== undefined && query.namespaces.length > 0) return query;
  return { ...query, namespaces: [...scope].sort() };
}

export function emptyMapView(query: MapQuery): MapView {
  return { window: query.window, nodes: [], edges: [] };
}

/** `build` is the unscoped view builder (MapChannels.view without a scope). */
export function scopedMapView(
  build: (query: MapQuery) => MapView,
  query: MapQuery,
  scope: NamespaceScope,
): MapView {
  if (scope === 'all') return build(query);
  const narrowed = scopedMapQuery(query, scope);
  if (narrowed === null) return emptyMapView(query);
  return scopeMapView(build(narrowed), scope);
}

/** Part of a map channel's key: views for different scopes are built and diffed separately. */
export function scopedChannelKey(baseKey: string, scope: NamespaceScope): string {
  return scope === 'all' ? baseKey : `${baseKey}#scope=${scopeKey(scope)}`;
}
