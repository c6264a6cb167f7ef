// Which namespaces one request may see, combining the person's scope (SKYMAP_SCOPES_FILE) with the
// install's namespaces (SKYMAP_NAMESPACES). Route handlers call requestScope() and pass the result
// to the scoped bodies in scoped-api.ts / scoped-flows.ts; nothing else decides visibility.
import { requestIdentity } from '../auth/identity';
import type { NamespaceScope } from '../auth/scopes';

export type { NamespaceScope };

export interface RequestScope {
  /** Everything the person may see: `all`, or namespaces (intersected with SKYMAP_NAMESPACES). */
  readonly namespaces: NamespaceScope;
  /**
   * The filter for data the hub already holds. `all` when `namespaces` covers everything held (in
   * the namespace-scoped install the hub holds only the install's namespaces), so unrestricted
   * people share the unfiltered views and streams.
   */
  readonly held: NamespaceScope;
}

export const UNRESTRICTED: RequestScope = { namespaces: 'all', held: 'all' };

/** The user's scope intersected with the install's namespaces (sorted, unique). */
export function effectiveScope(user: NamespaceScope, install: readonly string[] | undefined): NamespaceScope {
  if (install === undefined) return user;
  if (user === 'all') return install;
  const allowed = new Set(user);
  return install.filter((ns) => allowed.has(ns));
}

export function resolveScope(user: NamespaceScope, install: readonly string[] | undefined): RequestScope {
  const namespaces = effectiveScope(user, install);
  if (namespaces === 'all') return UNRESTRICTED;
  const held = install !== undefined && namespaces.length === install.length ? 'all' : namespaces;
  return { namespaces, held };
}

interface HeaderSource {
  readonly headers: { get(name: string): string | null };
}

/** The scope of a route handler's request (fails closed: no identity, no namespaces). */
export function requestScope(request: HeaderSource, install: readonly string[] | undefined): RequestScope {
  return resolveScope(requestIdentity(request).namespaces, install);
}

/** Stable key of a scope, for channel keys: two people with the same namespaces share a channel. */
export function scopeKey(scope: NamespaceScope): string {
  return scope === 'all' ? '*' : [...scope].sort().join(',');
}
