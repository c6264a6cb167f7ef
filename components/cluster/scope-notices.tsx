// What a cluster page says when it shows less than the whole cluster: the namespace-scoped install
// (SKYMAP_NAMESPACES) cannot read cluster-scoped kinds, and a person limited to some namespaces
// (SKYMAP_SCOPES_FILE) sees only theirs.
import { Notice } from './cluster-ui';
import type { NamespaceModeInfo, ScopeNote } from './cluster-wire';

function names(list: readonly string[]): string {
  return list.length > 0 ? list.join(', ') : 'none';
}

export function NamespaceModeNotice({
  mode,
  what,
  testId,
}: {
  mode: NamespaceModeInfo | null | undefined;
  what: string;
  testId?: string;
}) {
  if (!mode) return null;
  return (
    <Notice testId={testId ?? 'namespace-mode'}>
      <strong>Namespace-scoped mode</strong> (watching <code>{names(mode.namespaces)}</code>): {what} not
      available in namespace-scoped mode, because a namespaced Role cannot read cluster-scoped kinds (
      {mode.unavailable.join(', ')}).
    </Notice>
  );
}

export function ScopeNotice({ scope, children }: { scope: ScopeNote | undefined; children: string }) {
  if (!scope) return null;
  return (
    <Notice testId="scope-notice">
      Your sign-in is limited to namespace{scope.namespaces.length === 1 ? '' : 's'}{' '}
      <code>{names(scope.namespaces)}</code>: {children}
    </Notice>
  );
}
