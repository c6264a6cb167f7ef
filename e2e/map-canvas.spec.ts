// A map past CANVAS_EDGES (300) edges draws its edges on a canvas (in the map worker where the
// browser can) instead of as SVG paths. Our own Relay serves 24 client workloads each calling 14
// server workloads (336 edges); the spec checks what a person sees and does there: every card, edges
// actually drawn, and a click on an edge's line opening that edge's details.
import { expect, test } from '@playwright/test';
import type { FlowEvent } from '../server/domain/flow';
import { type OwnRelaySkymap, startOnOwnRelay } from './skymap-process';

test.describe.configure({ mode: 'serial' });

const CLIENTS = 24;
const SERVERS = 14;
const NODE = 'canvas-node-1';

let own: OwnRelaySkymap;

const pad = (i: number) => String(i).padStart(2, '0');

function endpoint(role: 'client' | 'server', i: number, identity: number) {
  const app = `${role}-${pad(i)}`;
  return {
    ID: identity,
    identity,
    namespace: 'load',
    labels: [`k8s:app=${app}`, 'k8s:io.kubernetes.pod.namespace=load'],
    pod_name: `${app}-5d9c7b-x${pad(i)}`,
    workloads: [{ name: app, kind: 'Deployment' }],
  };
}

function round(): FlowEvent[] {
  const time = new Date().toISOString();
  const events: FlowEvent[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    for (let s = 0; s < SERVERS; s++) {
      events.push({
        kind: 'flow',
        nodeName: NODE,
        flow: {
          time,
          verdict: 'FORWARDED',
          IP: { source: `10.1.0.${c + 1}`, destination: `10.2.0.${s + 1}`, ipVersion: 'IPv4' },
          l4: { TCP: { source_port: 40_000 + c, destination_port: 8080, flags: { SYN: true } } },
          source: endpoint('client', c, 30_000 + c),
          destination: endpoint('server', s, 31_000 + s),
          Type: 'L3_L4',
          node_name: NODE,
          traffic_direction: 'EGRESS',
          is_reply: false,
          Summary: 'TCP Flags: SYN',
        },
      });
    }
  }
  return events;
}

test.beforeAll(async () => {
  own = await startOnOwnRelay({ node: NODE, flows: round, everyMs: 2000 });
});

test.afterAll(async () => {
  await own?.stop();
});

test('a map of 336 edges draws them on a canvas and a click on a line selects that edge', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${own.skymap.url}/map`);
  await expect(page.getByTestId('map-state')).toHaveText('live');
  await expect(page.locator('[data-node-id="load/client-00"]')).toBeVisible();
  await expect(page.locator('[data-node-id="load/server-13"]')).toBeVisible();
  expect(await page.getByTestId('map-node').count()).toBeGreaterThanOrEqual(CLIENTS + SERVERS);

  // Canvas mode: the edges are pixels, not SVG paths, and the canvas reports drawing all of them.
  const canvas = page.getByTestId('map-edge-canvas');
  await expect(canvas).toBeVisible();
  await expect
    .poll(async () => Number(await canvas.getAttribute('data-edges')), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(CLIENTS * SERVERS);
  expect(await page.getByTestId('map-edge').count()).toBeLessThan(10);

  // Where to click: from the cards' boxes, the point of some edge's line that is off every card and
  // farthest from every other line (edges run centre to centre), so exactly that edge is hit.
  const boxes = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const id of [
    ...Array.from({ length: CLIENTS }, (_, i) => `load/client-${pad(i)}`),
    ...Array.from({ length: SERVERS }, (_, i) => `load/server-${pad(i)}`),
  ]) {
    const box = await page.locator(`[data-node-id="${id}"]`).boundingBox();
    if (!box) throw new Error(`${id} has no box`);
    boxes.set(id, box);
  }
  const centre = (id: string) => {
    const b = boxes.get(id)!;
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  };
  const segments: { id: string; a: { x: number; y: number }; b: { x: number; y: number } }[] = [];
  for (let c = 0; c < CLIENTS; c++)
    for (let s = 0; s < SERVERS; s++) {
      const from = `load/client-${pad(c)}`;
      const to = `load/server-${pad(s)}`;
      segments.push({ id: `${from}->${to}`, a: centre(from), b: centre(to) });
    }
  const distance = (p: { x: number; y: number }, seg: (typeof segments)[number]) => {
    const dx = seg.b.x - seg.a.x;
    const dy = seg.b.y - seg.a.y;
    const t = Math.max(0, Math.min(1, ((p.x - seg.a.x) * dx + (p.y - seg.a.y) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(p.x - (seg.a.x + t * dx), p.y - (seg.a.y + t * dy));
  };
  let best: { id: string; x: number; y: number; clearance: number } | undefined;
  for (const seg of segments) {
    for (let t = 0.1; t <= 0.9; t += 0.02) {
      const p = { x: seg.a.x + (seg.b.x - seg.a.x) * t, y: seg.a.y + (seg.b.y - seg.a.y) * t };
      const onCard = [...boxes.values()].some(
        (b) => p.x > b.x - 4 && p.x < b.x + b.width + 4 && p.y > b.y - 4 && p.y < b.y + b.height + 4,
      );
      if (onCard) continue;
      let clearance = Number.POSITIVE_INFINITY;
      for (const other of segments) if (other !== seg) clearance = Math.min(clearance, distance(p, other));
      if (!best || clearance > best.clearance) best = { id: seg.id, ...p, clearance };
    }
  }
  if (!best || best.clearance < 4) throw new Error(`no edge point clear of the others (${best?.clearance})`);
  await page.mouse.click(best.x, best.y);
  const [source, target] = best.id.split('->');
  const panel = page.getByTestId('map-side-edge');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(`${source} → ${target}`);
  await expect(page).toHaveURL(new RegExp(`sel=edge%3A${encodeURIComponent(best.id)}`));
  // The selected edge is raised onto the SVG layer (label, arrow, events).
  await expect(page.getByTestId('map-edge').first()).toBeAttached();
  expect(errors).toEqual([]);
});
