// SKYMAP_NAMESPACES: the namespace-scoped install mode. Set, Skymap watches only these namespaces
// and shows nobody anything outside them; unset, it watches the whole cluster.

/** Kubernetes namespace names are DNS-1123 labels. */
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** One watcher per namespaced resource per namespace: keep the number of watches sane. */
export const MAX_INSTALL_NAMESPACES = 50;

export type NamespacesSetting =
  | { readonly ok: true; readonly namespaces: readonly string[] | undefined }
  | { readonly ok: false; readonly error: string };

function quoted(value: string): string {
  return JSON.stringify(value.length > 70 ? `${value.slice(0, 70)}…` : value);
}

/** Unset or blank = cluster-wide (undefined). Otherwise a sorted, de-duplicated list. */
export function parseNamespacesSetting(raw: string | undefined): NamespacesSetting {
  if (raw === undefined || raw.trim() === '') return { ok: true, namespaces: undefined };
  const names = new Set<string>();
  for (const part of raw.split(',')) {
    const name = part.trim();
    if (name === '') {
      return {
        ok: false,
        error: `empty entry in ${quoted(raw)}: expected comma-separated namespaces, e.g. shop,payments`,
      };
    }
    if (!DNS_1123_LABEL.test(name)) {
      return {
        ok: false,
        error: `${quoted(name)} is not a namespace name (lower-case letters, digits and '-', at most 63 characters)`,
      };
    }
    names.add(name);
  }
  if (names.size > MAX_INSTALL_NAMESPACES) {
    return { ok: false, error: `at most ${MAX_INSTALL_NAMESPACES} namespaces; got ${names.size}` };
  }
  return { ok: true, namespaces: [...names].sort() };
}
