// The RBAC Skymap ships must match what its code does: get/list/watch on exactly the resources its
// informers watch (WATCHED_RESOURCES), both ways, and never Secrets or wildcards.
import { describe, expect, it } from 'vitest';
import { parseNamespacesSetting } from '../server/runtime/namespaces-setting';
import { WATCHED_RESOURCES, watchedResourcesFor } from '../server/sources/kubernetes/watched-resources';
import { findKubectl, ofKind, type PolicyRule, type RoleObject } from './deploy-kustomize';
import { VARIANTS } from './deploy-variants';

const kubectl = findKubectl();
if (!kubectl) console.warn('deploy-rbac: kubectl not found; skipping the RBAC render tests');

const READ_VERBS = ['get', 'list', 'watch'];

/** kubectl's `plural.group` spelling (`pods`, `certificates.cert-manager.io`). */
const key = (group: string, plural: string) => (group === '' ? plural : `${plural}.${group}`);

/** Every resource the informers watch. */
function watched(scope: 'all' | 'namespaced'): string[] {
  return WATCHED_RESOURCES.filter((r) => scope === 'all' || r.spec.namespaced)
    .map((r) => key(r.spec.group, r.spec.plural))
    .sort();
}

function granted(rules: readonly PolicyRule[]): string[] {
  const out = new Set<string>();
  for (const rule of rules) {
    for (const group of rule.apiGroups ?? [])
      for (const res of rule.resources ?? []) out.add(key(group, res));
  }
  return [...out].sort();
}

function checkReadOnly(role: RoleObject): void {
  for (const rule of role.rules) {
    const what = `${role.kind} ${role.metadata.name} rule ${JSON.stringify(rule)}`;
    expect([...rule.verbs].sort(), what).toEqual(READ_VERBS);
    expect(rule.nonResourceURLs, what).toBeUndefined();
    expect(rule.resourceNames, what).toBeUndefined();
    expect(rule.apiGroups ?? [], what).not.toContain('*');
    expect(rule.resources ?? [], what).not.toContain('*');
    for (const res of rule.resources ?? []) {
      expect(res, what).not.toMatch(/^secrets(\/|$)/);
      // Subresources (pods/log, pods/exec…) are never needed by list/watch informers.
      expect(res, what).not.toContain('/');
    }
  }
}

describe('WATCHED_RESOURCES', () => {
  it('never includes Secrets and has no duplicates', () => {
    const all = watched('all');
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain('secrets');
    expect(all.length).toBeGreaterThan(10);
  });
});

describe.skipIf(!kubectl).each(VARIANTS.map((v) => ({ ...v })))('RBAC of $name', (variant) => {
  const objects = kubectl ? variant.render(kubectl) : [];
  const clusterRoles = ofKind<RoleObject>(objects, 'ClusterRole');
  const roles = ofKind<RoleObject>(objects, 'Role');

  it('grants get/list/watch only: no Secrets, wildcards, subresources or non-resource URLs', () => {
    expect(clusterRoles.length + roles.length).toBeGreaterThan(0);
    for (const role of [...clusterRoles, ...roles]) checkReadOnly(role);
  });

  it.runIf(variant.rbac === 'cluster')('ClusterRole covers exactly the watched resources, both ways', () => {
    expect(roles).toEqual([]);
    const rules = clusterRoles.flatMap((r) => r.rules);
    const have = granted(rules);
    const need = watched('all');
    expect(
      need.filter((r) => !have.includes(r)),
      'watched by the code but not granted',
    ).toEqual([]);
    expect(
      have.filter((r) => !need.includes(r)),
      'granted but not watched by the code',
    ).toEqual([]);
  });

  it.runIf(variant.rbac === 'namespaced')('Role covers exactly the namespaced watched resources', () => {
    expect(clusterRoles).toEqual([]);
    const have = granted(roles.flatMap((r) => r.rules));
    const need = watched('namespaced');
    expect(
      need.filter((r) => !have.includes(r)),
      'namespaced, watched by the code but not granted',
    ).toEqual([]);
    expect(
      have.filter((r) => !need.includes(r)),
      'granted but not a namespaced resource the code watches',
    ).toEqual([]);
    for (const role of roles) expect(role.metadata.namespace).toBe(variant.namespace);
  });

  it.runIf(variant.rbac === 'namespaced')(
    'the watchers SKYMAP_NAMESPACES starts are exactly what the Role in their namespace grants',
    () => {
      // The overlay sets SKYMAP_NAMESPACES from the pod's namespace: the variant's namespace.
      const setting = parseNamespacesSetting(variant.namespace);
      if (!setting.ok || setting.namespaces === undefined)
        throw new Error('namespace is not a valid setting');
      const watchers = watchedResourcesFor(setting.namespaces);
      expect(watchers.every((w) => w.spec.namespaced && w.spec.namespace === variant.namespace)).toBe(true);
      const grantedIn = (namespace: string) =>
        granted(roles.filter((r) => r.metadata.namespace === namespace).flatMap((r) => r.rules));
      const have = grantedIn(variant.namespace);
      const need = [...new Set(watchers.map((w) => key(w.spec.group, w.spec.plural)))].sort();
      expect(need).toEqual(have);
    },
  );
});
