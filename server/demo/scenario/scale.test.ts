import { describe, expect, it } from 'vitest';
import { byKind, flowsOf, get, ipInCidr24, scenario, T0 } from './test-support';

describe('scale', () => {
  const s = scenario({ scale: { extraPods: 2500, externalIps: 4000 } });

  it('adds the extra pods on extra nodes, in scale namespaces, with addresses from their node CIDR', () => {
    const objects = s.objectsAt(T0 + 1000);
    const pods = byKind(objects, 'Pod').filter((p) => p.metadata.namespace?.startsWith('scale-'));
    expect(pods).toHaveLength(2500);
    const nodes = byKind(objects, 'Node', 'v1');
    expect(nodes).toHaveLength(4 + 25);
    const cidrs = new Map(nodes.map((n) => [n.metadata.name, String(get(n, 'spec', 'podCIDR'))]));
    const ips = new Set<string>();
    for (const p of pods) {
      const ip = String(get(p, 'status', 'podIP'));
      expect(ipInCidr24(ip, cidrs.get(String(get(p, 'spec', 'nodeName'))) ?? '')).toBe(true);
      ips.add(ip);
    }
    expect(ips.size).toBe(2500);
    expect(new Set(nodes.map((n) => get(n, 'status', 'addresses', 0, 'address'))).size).toBe(nodes.length);
    expect(byKind(objects, 'CiliumEndpoint').length).toBeGreaterThan(2500);
    expect(s.namespacesAt(T0).filter((n) => n.startsWith('scale-'))).toHaveLength(13);
  });

  it('spreads flows over many pods and many distinct external IPs', () => {
    const flows = flowsOf(s.flowsBetween(T0, T0 + 60_000, 60_000));
    const pods = new Set(
      flows
        .flatMap((f) => [f.source?.pod_name, f.destination?.pod_name])
        .filter((n) => n?.startsWith('svc-')),
    );
    const world = new Set(
      flows.flatMap((f) =>
        f.destination?.identity === 2 && !f.destination_names ? [f.IP?.destination] : [],
      ),
    );
    expect(pods.size).toBeGreaterThan(1500);
    expect(world.size).toBeGreaterThan(1000);
    for (const ip of world) expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    // Base traffic keeps flowing next to the synthetic load.
    expect(flows.some((f) => f.source?.namespace === 'shop')).toBe(true);
  });

  it('uses external IPs from base pods when only externalIps is set', () => {
    const only = scenario({ scale: { externalIps: 500 } });
    const flows = flowsOf(only.flowsBetween(T0, T0 + 30_000, 20_000));
    const world = new Set(
      flows.flatMap((f) =>
        f.destination?.identity === 2 && !f.destination_names ? [f.IP?.destination] : [],
      ),
    );
    expect(world.size).toBeGreaterThan(200);
    expect(only.objectsAt(T0).some((o) => o.metadata.namespace?.startsWith('scale-'))).toBe(false);
  });

  it('reports the extra nodes to Hubble Relay', () => {
    const nodes = s.hubbleNodesAt(T0 + 1000);
    expect(nodes).toHaveLength(29);
    const status = s.serverStatusAt(T0 + 1000);
    expect(status.numConnectedNodes).toBe(29);
    expect(status.maxFlows).toBe(String(29 * 4095));
    expect(status.version).toMatch(/^hubble-relay v1\.19\.4/);
    for (const n of nodes) {
      expect(n.address).toMatch(/:4244$/);
      expect(n.uptimeNs).toMatch(/^\d+$/);
      expect(Number(n.numFlows)).toBeLessThanOrEqual(Number(n.maxFlows));
    }
  });

  it('ignores nonsensical scale values', () => {
    const odd = scenario({ scale: { extraPods: -10, externalIps: Number.NaN } });
    expect(odd.objectsAt(T0).filter((o) => o.kind === 'Pod').length).toBe(
      scenario()
        .objectsAt(T0)
        .filter((o) => o.kind === 'Pod').length,
    );
    expect(odd.hubbleNodesAt(T0)).toHaveLength(4);
  });
});
