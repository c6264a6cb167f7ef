// SKYMAP_RELAY_FIELDS=essential end to end: a production Skymap asks our own Relay for the essential
// field mask, Relay (the demo server, which honours masks as Hubble does) sends only those fields,
// and what a person sees — the map's edge, the explorer's row — still comes through.
import { expect, test } from '@playwright/test';
import type { FlowEvent } from '../server/domain/flow';
import type { RelayFlowsRequest } from '../server/sources/hubble/relay-types';
import { type OwnRelaySkymap, startOnOwnRelay } from './skymap-process';

test.describe.configure({ mode: 'serial' });

const NODE = 'fields-node-1';
let own: OwnRelaySkymap;
const requests: RelayFlowsRequest[] = [];

function flows(): FlowEvent[] {
  const time = new Date().toISOString();
  return [
    {
      kind: 'flow',
      nodeName: NODE,
      flow: {
        time,
        verdict: 'FORWARDED',
        IP: { source: '10.1.0.1', destination: '10.2.0.1', ipVersion: 'IPv4' },
        l4: { TCP: { source_port: 40_001, destination_port: 8080, flags: { SYN: true } } },
        source: { ID: 1, identity: 3001, namespace: 'web', pod_name: 'front-1', labels: ['k8s:app=front'] },
        destination: { ID: 2, identity: 3002, namespace: 'web', pod_name: 'api-1', labels: ['k8s:app=api'] },
        Type: 'L3_L4',
        node_name: NODE,
        node_labels: ['kubernetes.io/hostname=fields-node-1'],
        traffic_direction: 'EGRESS',
        is_reply: false,
        Summary: 'TCP Flags: SYN',
      },
    },
  ];
}

test.beforeAll(async () => {
  own = await startOnOwnRelay({
    node: NODE,
    flows,
    everyMs: 1000,
    env: { SKYMAP_RELAY_FIELDS: 'essential' },
    onRequest: (req) => requests.push(req),
  });
});

test.afterAll(async () => {
  await own?.stop();
});

test('essential fields: Relay is asked for the mask, the map and the explorer still show the traffic', async ({
  page,
  request,
}) => {
  await expect.poll(() => requests.some((r) => (r.fieldMask ?? []).includes('source'))).toBe(true);
  const mask = requests.find((r) => r.fieldMask)?.fieldMask ?? [];
  expect(mask).not.toContain('node_labels');

  await page.goto(`${own.skymap.url}/map`);
  await expect(page.locator('[data-edge-id="web/front->web/api"]')).toBeAttached();

  await page.goto(`${own.skymap.url}/flows`);
  await expect(page.getByText('web/front-1').first()).toBeVisible();
  const body = (await (await request.get(`${own.skymap.url}/api/flows?limit=5`)).json()) as {
    flows: Record<string, unknown>[];
  };
  expect(body.flows.length).toBeGreaterThan(0);
  for (const flow of body.flows) {
    expect(flow.source).toBeDefined();
    expect(flow.node_labels).toBeUndefined();
    expect(flow.Summary).toBeUndefined();
  }
});
