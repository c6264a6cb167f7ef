import { describe, expect, it } from 'vitest';
import { DropGroups, dropGroupsView } from '../domain/drops';
import type { Flow } from '../domain/flow';
import { DropExplainer } from './drop-explainer';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

function drop(port: number, app = 'web'): Flow {
  return {
    time: new Date(NOW - 1000).toISOString(),
    verdict: 'DROPPED',
    drop_reason: 133,
    drop_reason_desc: 'POLICY_DENIED',
    traffic_direction: 'INGRESS',
    l4: { TCP: { source_port: 40000, destination_port: port } },
    source: {
      namespace: 'shop',
      pod_name: `${app}-1`,
      labels: [`k8s:app=${app}`, 'k8s:io.kubernetes.pod.namespace=shop'],
    },
    destination: {
      namespace: 'data',
      pod_name: 'db-1',
      labels: ['k8s:app=db', 'k8s:io.kubernetes.pod.namespace=data'],
    },
  };
}

function setup() {
  const groups = new DropGroups();
  // Port 1 is the busiest group, port 3 the quietest.
  for (const [port, n] of [
    [1, 3],
    [2, 2],
    [3, 1],
  ] as const) {
    for (let i = 0; i < n; i++) groups.record(drop(port), NOW);
  }
  return { groups, views: dropGroupsView(groups, 'all', NOW).groups };
}

describe('DropExplainer', () => {
  it('explains at most `budget` groups per call, busiest first, and the rest on later calls', () => {
    const { groups, views } = setup();
    const explainer = new DropExplainer(groups, 1);
    const ctx = { now: NOW, policies: [], pods: [] };
    const first = explainer.explain(views, ctx);
    expect(views.map((v) => first.get(v.key)?.pending)).toEqual([false, true, true]);
    expect(first.get(views[1]?.key ?? '')).toMatchObject({ category: 'default-deny', explanation: '' });
    const second = explainer.explain(views, ctx);
    expect(views.map((v) => second.get(v.key)?.pending)).toEqual([false, false, true]);
    const third = explainer.explain(views, ctx);
    expect(views.every((v) => third.get(v.key)?.pending === false)).toBe(true);
    expect(third.get(views[2]?.key ?? '')?.suggestedPolicy).toContain('kind: CiliumNetworkPolicy');
  });

  it('explains the focused group before the others', () => {
    const { groups, views } = setup();
    const explainer = new DropExplainer(groups, 1);
    const quietest = views[2]?.key;
    const out = explainer.explain(views, { now: NOW, policies: [], pods: [], focus: quietest });
    expect(views.map((v) => out.get(v.key)?.pending)).toEqual([true, true, false]);
  });

  it('checks "also admits" only against groups on the same protocol and port', () => {
    const groups = new DropGroups();
    groups.record(drop(5432, 'web'), NOW);
    groups.record({ ...drop(5432, 'web'), drop_reason_desc: '' }, NOW); // same traffic, numeric reason
    groups.record(drop(8080, 'web'), NOW);
    const views = dropGroupsView(groups, 'all', NOW).groups;
    const out = new DropExplainer(groups).explain(views, { now: NOW, policies: [], pods: [] });
    const named = views.find((v) => v.reason === 'POLICY_DENIED' && v.port === 5432);
    const numeric = views.find((v) => v.reason === '133');
    expect(out.get(named?.key ?? '')?.alsoAdmits).toEqual([numeric?.key]);
    const other = views.find((v) => v.port === 8080);
    expect(out.get(other?.key ?? '')?.alsoAdmits).toEqual([]);
  });
});
