import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { DropEndpointInput, DropGroupInput } from './drop-group';
import { dropGroupInputFromFlows } from './group-input';
import { parseEndpointLabels } from './labels';
import { toPolicyRecord } from './policy-records';
import { type LabelSelector, selectorMatches } from './selector';
import { type SuggestedPolicy, suggestAllowPolicy, wouldAdmit } from './suggest';
import { cart, deathstar, group, host, postgres, tiefighter, world, xwing } from './test-support/endpoints';
import { attributionFlows } from './test-support/fixtures';

interface ParsedCnp {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string };
  spec: {
    endpointSelector: { matchLabels: Record<string, string> };
    enableDefaultDeny?: Record<string, boolean>;
    ingress?: Record<string, unknown>[];
    egress?: Record<string, unknown>[];
  };
}

function suggestion(
  g: DropGroupInput,
  direction: 'ingress' | 'egress' = 'ingress',
  known?: DropEndpointInput[],
) {
  const result = suggestAllowPolicy(g, direction, { knownEndpoints: known });
  if ('error' in result) throw new Error(result.error);
  return result.value;
}

function parsed(s: SuggestedPolicy): ParsedCnp {
  return parse(s.yaml) as ParsedCnp;
}

/** Independent of the selector engine: every matchLabels pair must be a k8s label of the endpoint. */
function simpleMatch(matchLabels: Record<string, string>, endpoint: DropEndpointInput): boolean {
  return Object.entries(matchLabels).every(([key, value]) =>
    (endpoint.labels ?? []).includes(`k8s:${key.replace(/^(k8s|any):/, '')}=${value}`),
  );
}

const engineMatch = (
  selector: LabelSelector,
  endpoint: DropEndpointInput,
  role: 'subject' | 'peer',
  ns: string,
) => selectorMatches(selector, parseEndpointLabels(endpoint.labels).labels, { role, policyNamespace: ns });

describe('suggestAllowPolicy for the fixture default-deny drop (xwing → deathstar:80)', () => {
  const flows = attributionFlows();
  const input = dropGroupInputFromFlows('xwing->deathstar', [flows[3] ?? {}]);
  if (input === undefined) throw new Error('no input');
  const s = suggestion(input);
  const cnp = parsed(s);
  const rule = cnp.spec.ingress?.[0] as {
    fromEndpoints: LabelSelector[];
    toPorts: { ports: { port: string; protocol: string }[]; rules?: unknown }[];
  };

  it('is a namespaced CiliumNetworkPolicy in the destination namespace', () => {
    expect(cnp.apiVersion).toBe('cilium.io/v2');
    expect(cnp.kind).toBe('CiliumNetworkPolicy');
    expect(cnp.metadata).toEqual({ name: 'allow-xwing-to-deathstar-80-tcp', namespace: 'default' });
    expect(s.yaml.startsWith('# Suggested by Skymap')).toBe(true);
  });

  it('selects the destination by its identifying label only', () => {
    expect(cnp.spec.endpointSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'deathstar' } });
    expect(simpleMatch(cnp.spec.endpointSelector.matchLabels, deathstar)).toBe(true);
    expect(engineMatch(cnp.spec.endpointSelector, deathstar, 'subject', 'default')).toBe(true);
  });

  it('does not select unrelated endpoints', () => {
    for (const other of [tiefighter, xwing, postgres, cart]) {
      expect(simpleMatch(cnp.spec.endpointSelector.matchLabels, other)).toBe(false);
      expect(engineMatch(cnp.spec.endpointSelector, other, 'subject', 'default')).toBe(false);
    }
  });

  it('fromEndpoints matches the source and nothing else', () => {
    expect(rule.fromEndpoints).toEqual([{ matchLabels: { class: 'xwing', org: 'alliance' } }]);
    const from = rule.fromEndpoints[0] ?? {};
    expect(simpleMatch(from.matchLabels ?? {}, xwing)).toBe(true);
    expect(engineMatch(from, xwing, 'peer', 'default')).toBe(true);
    for (const other of [tiefighter, deathstar, cart])
      expect(engineMatch(from, other, 'peer', 'default')).toBe(false);
  });

  it('allows exactly the dropped port and protocol, without L7 (no HTTP seen)', () => {
    expect(rule.toPorts).toEqual([{ ports: [{ port: '80', protocol: 'TCP' }] }]);
    expect(rule.toPorts[0]?.rules).toBeUndefined();
  });

  it('reads back into a record that admits the group itself', () => {
    const back = toPolicyRecord(parse(s.yaml));
    if (back === undefined) throw new Error('parse back');
    expect(wouldAdmit(back, input)).toBe(true);
    expect(wouldAdmit(s.record, input)).toBe(true);
  });
});

describe('L7, FQDN, entity and CIDR peers', () => {
  it('adds an HTTP rule iff HTTP was seen', () => {
    const http = [
      { method: 'GET', path: 'http://deathstar.default.svc.cluster.local/v1/status?verbose=1' },
      { method: 'post', path: '/v1/request-landing' },
    ];
    const cnp = parsed(suggestion(group({ key: 'h', http })));
    const toPorts = cnp.spec.ingress?.[0]?.toPorts as { rules?: { http: unknown[] } }[];
    expect(toPorts[0]?.rules).toEqual({
      http: [
        { method: 'POST', path: '/v1/request-landing' },
        { method: 'GET', path: '/v1/status(\\?.*)?' },
      ],
    });
    const plain = parsed(suggestion(group({ key: 'p' })));
    const plainPorts = (plain.spec.ingress?.[0]?.toPorts ?? []) as { rules?: unknown }[];
    expect(plainPorts[0]?.rules).toBeUndefined();
  });

  it('uses toFQDNs for an egress peer with DNS names, and says it needs the DNS proxy', () => {
    const s = suggestion(
      group({
        key: 'f',
        direction: 'egress',
        source: deathstar,
        destination: world(['93.184.216.34'], ['example.com.']),
        port: 443,
      }),
      'egress',
    );
    const cnp = parsed(s);
    expect(cnp.spec.endpointSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'deathstar' });
    expect(cnp.spec.egress?.[0]).toEqual({
      toFQDNs: [{ matchName: 'example.com' }],
      toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }],
    });
    expect(s.notes.join(' ')).toContain('DNS proxy');
  });

  it('uses toEntities for host and reserved peers, toCIDR for bare world IPs, world when there are many', () => {
    const toHost = parsed(
      suggestion(
        group({ key: 'h', direction: 'egress', source: deathstar, destination: host, port: 10250 }),
        'egress',
      ),
    );
    expect(toHost.spec.egress?.[0]?.toEntities).toEqual(['host']);
    const fromWorld = parsed(
      suggestion(group({ key: 'w', source: world(['203.0.113.50']), destination: postgres, port: 5432 })),
    );
    expect(fromWorld.spec.ingress?.[0]?.fromCIDR).toEqual(['203.0.113.50/32']);
    const many = Array.from({ length: 9 }, (_, i) => `198.51.100.${i + 1}`);
    const fromMany = parsed(
      suggestion(group({ key: 'm', source: world(many), destination: postgres, port: 5432 })),
    );
    expect(fromMany.spec.ingress?.[0]?.fromEntities).toEqual(['world']);
    const apiserver = parsed(
      suggestion(
        group({ key: 'a', direction: 'egress', source: deathstar, destination: { identity: 7 }, port: 6443 }),
        'egress',
      ),
    );
    expect(apiserver.spec.egress?.[0]?.toEntities).toEqual(['kube-apiserver']);
  });

  it('names the peer namespace for cross-namespace peers', () => {
    const cnp = parsed(suggestion(group({ key: 'x', source: cart, destination: postgres, port: 5432 })));
    expect(cnp.metadata.namespace).toBe('db');
    expect(cnp.spec.endpointSelector.matchLabels).toEqual({ app: 'postgres' });
    expect(cnp.spec.ingress?.[0]?.fromEndpoints).toEqual([
      { matchLabels: { 'app.kubernetes.io/name': 'cart', 'k8s:io.kubernetes.pod.namespace': 'shop' } },
    ]);
  });

  it('writes ICMP rules from the ICMP type', () => {
    const cnp = parsed(suggestion(group({ key: 'i', protocol: 'ICMPv4', port: undefined, icmpType: 8 })));
    expect(cnp.spec.ingress?.[0]?.icmps).toEqual([{ fields: [{ family: 'IPv4', type: 8 }] }]);
  });
});

describe('smallest selector against known endpoints', () => {
  const primary: DropEndpointInput = {
    namespace: 'shop',
    labels: [
      'k8s:app.kubernetes.io/name=redis',
      'k8s:app.kubernetes.io/component=primary',
      'k8s:io.kubernetes.pod.namespace=shop',
    ],
  };
  const replica: DropEndpointInput = {
    namespace: 'shop',
    labels: [
      'k8s:app.kubernetes.io/name=redis',
      'k8s:app.kubernetes.io/component=replica',
      'k8s:io.kubernetes.pod.namespace=shop',
    ],
  };

  it('widens the selector until it no longer selects another workload', () => {
    const g = group({ key: 'r', source: cart, destination: primary, port: 6379 });
    expect(parsed(suggestion(g)).spec.endpointSelector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'redis',
    });
    const withKnown = parsed(suggestion(g, 'ingress', [primary, replica, cart]));
    expect(withKnown.spec.endpointSelector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'redis',
      'app.kubernetes.io/component': 'primary',
    });
  });

  it('never uses pod-specific labels', () => {
    const cnp = parsed(suggestion(group({ key: 'c', source: xwing, destination: cart, port: 8080 })));
    expect(JSON.stringify(cnp)).not.toContain('pod-template-hash');
  });
});

describe('suggestAllowPolicy refusals and options', () => {
  it('refuses when the enforcing side is the host or has no labels', () => {
    const toHost = suggestAllowPolicy(group({ key: 'h', destination: host }), 'ingress');
    expect(toHost).toEqual({ error: expect.stringContaining('host firewall') });
    const bare = suggestAllowPolicy(group({ key: 'b', destination: { namespace: 'default' } }), 'ingress');
    expect('error' in bare).toBe(true);
    const noPort = suggestAllowPolicy(group({ key: 'n', port: undefined }), 'ingress');
    expect(noPort).toEqual({ error: expect.stringContaining('port') });
  });

  it('keepDefaultPosture sets enableDefaultDeny off for the direction', () => {
    const result = suggestAllowPolicy(group({ key: 'k', destination: cart, port: 8080 }), 'ingress', {
      keepDefaultPosture: true,
    });
    if ('error' in result) throw new Error(result.error);
    expect(parsed(result.value).spec.enableDefaultDeny).toEqual({ ingress: false });
    expect(result.value.record.specs[0]?.enforces.ingress).toBe(false);
  });
});

describe('wouldAdmit', () => {
  const s = suggestion(group({ key: 'base' }));

  it('admits other default-deny groups with the same peer, subject and port', () => {
    expect(
      wouldAdmit(s.record, group({ key: 'other-node', source: { ...xwing, podNames: ['xwing-2'] } })),
    ).toBe(true);
    expect(wouldAdmit(s.record, group({ key: 'no-direction', direction: undefined }))).toBe(true);
  });

  it('does not admit other ports, peers, subjects, directions or non-default-deny reasons', () => {
    expect(wouldAdmit(s.record, group({ key: 'p', port: 443 }))).toBe(false);
    expect(wouldAdmit(s.record, group({ key: 'u', protocol: 'UDP' }))).toBe(false);
    expect(wouldAdmit(s.record, group({ key: 't', source: tiefighter }))).toBe(false);
    expect(wouldAdmit(s.record, group({ key: 'd', destination: tiefighter }))).toBe(false);
    expect(wouldAdmit(s.record, group({ key: 'e', direction: 'egress' }))).toBe(false);
    expect(wouldAdmit(s.record, group({ key: 'deny', reason: 'POLICY_DENY' }))).toBe(false);
    expect(wouldAdmit(s.record, group({ key: 'ct', reason: 'CT_MAP_INSERTION_FAILED' }))).toBe(false);
  });

  it('an L7 suggestion admits only groups whose requests match it', () => {
    const l7 = suggestion(group({ key: 'l7', http: [{ method: 'GET', path: '/v1/status' }] }));
    expect(wouldAdmit(l7.record, group({ key: 'a', http: [{ method: 'GET', path: '/v1/status' }] }))).toBe(
      true,
    );
    expect(wouldAdmit(l7.record, group({ key: 'b', http: [{ method: 'DELETE', path: '/v1/status' }] }))).toBe(
      false,
    );
    expect(wouldAdmit(l7.record, group({ key: 'c' }))).toBe(false);
  });
});
