// Legacy (unaggregated) discovery documents. kubectl asks for aggregated discovery first but lists
// plain `application/json` as an acceptable fallback, so answering with these is enough.

import type { ApiResourceSpec } from './types';

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export const DEFAULT_VERSION: VersionInfo = {
  major: '1',
  minor: '33',
  gitVersion: 'v1.33.0-skymap-demo',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.24.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const VERBS = ['get', 'list', 'watch'];

function apiResource(spec: ApiResourceSpec): Record<string, unknown> {
  const resource: Record<string, unknown> = {
    name: spec.plural,
    singularName: spec.singular,
    namespaced: spec.namespaced,
    kind: spec.kind,
    verbs: VERBS,
  };
  if (spec.shortNames?.length) resource.shortNames = [...spec.shortNames];
  if (spec.categories?.length) resource.categories = [...spec.categories];
  return resource;
}

function statusSubresource(spec: ApiResourceSpec): Record<string, unknown> {
  return {
    name: `${spec.plural}/status`,
    singularName: '',
    namespaced: spec.namespaced,
    kind: spec.kind,
    verbs: ['get'],
  };
}

function compareVersions(a: string, b: string): number {
  // Kubernetes version priority: GA > beta > alpha, higher numbers first (v1 > v1beta2 > v1beta1 > v1alpha1).
  const rank = (v: string): [number, number, number] => {
    const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!match) return [0, 0, 0];
    const stability = match[2] === undefined ? 3 : match[2] === 'beta' ? 2 : 1;
    return [stability, Number(match[1]), Number(match[3] ?? 0)];
  };
  const [sa, ma, na] = rank(a);
  const [sb, mb, nb] = rank(b);
  return sb - sa || mb - ma || nb - na;
}

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

export function groupVersionsOf(specs: readonly ApiResourceSpec[], group: string): string[] {
  const versions = new Set(specs.filter((spec) => spec.group === group).map((spec) => spec.version));
  return [...versions].sort(compareVersions);
}

export function apiResourceList(
  specs: readonly ApiResourceSpec[],
  group: string,
  version: string,
): Record<string, unknown> | undefined {
  const matching = specs
    .filter((spec) => spec.group === group && spec.version === version)
    .sort((a, b) => a.plural.localeCompare(b.plural));
  if (matching.length === 0 && !(group === '' && version === 'v1')) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group === '' ? version : `${group}/${version}`,
    resources: matching.flatMap((spec) => [apiResource(spec), statusSubresource(spec)]),
  };
}

function apiGroup(specs: readonly ApiResourceSpec[], group: string): Record<string, unknown> {
  const versions = groupVersionsOf(specs, group).map((version) => ({
    groupVersion: `${group}/${version}`,
    version,
  }));
  return { name: group, versions, preferredVersion: versions[0] };
}

export function apiGroupDocument(
  specs: readonly ApiResourceSpec[],
  group: string,
): Record<string, unknown> | undefined {
  if (group === '' || groupVersionsOf(specs, group).length === 0) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(specs, group) };
}

export function apiGroupList(specs: readonly ApiResourceSpec[]): Record<string, unknown> {
  const groups = [...new Set(specs.map((spec) => spec.group).filter((group) => group !== ''))].sort();
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((group) => apiGroup(specs, group)) };
}
