// Browser benchmark, headless Chromium against the production build (built into .next-perf when
// missing, or with --build), fed by a synthetic Relay whose map has --nodes workloads and --edges
// edges, --changing of them refreshed every second (one server tick each). For the map folded by
// namespace (the default past 250 nodes) and fully expanded it reports:
//   initial layout: navigation → positions from the layout worker (and the worker's own time)
//   first paint:    navigation → the first frame with nodes drawn
//   tick cost:      main-thread time to apply one delta (parse, fold into the view, render, style,
//                   paint), from a Chrome trace; the baseline in the same run is a tick that lays
//                   out and redraws everything (the Re-layout button), as a re-layout-per-batch
//                   design does on every batch
// and for the flows explorer, frames per second while scrolling 100,000 rows.
//
//   npx tsx scripts/bench-browser.ts [--build] [--nodes 1000] [--edges 5000] [--changing 500]
//     [--port 3227] [--rows 100000] [--only map|flows]

import { unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ensureBuild, launchChromium, startApp, startSyntheticRelay } from './bench-app';
import { fmt, hasFlag, intArg, machineLine, median, sleep } from './bench-support';
import { edgeFlow, type Topology } from './bench-synthetic';
import { busyMs, deltaCosts, parseTrace } from './bench-trace';

const PROBE = `
window.__bench = { firstNode: null, firstPaint: null, layoutAt: null, layoutMs: null };
const observer = new MutationObserver(() => {
  const b = window.__bench;
  if (b.firstNode === null && document.querySelector('[data-testid=map-node]')) {
    b.firstNode = performance.now();
    requestAnimationFrame(() => setTimeout(() => { b.firstPaint = performance.now(); }, 0));
  }
  const legend = document.querySelector('.map-legend')?.textContent ?? '';
  const m = /layout (\\d+) ms/.exec(legend);
  if (b.layoutAt === null && m) { b.layoutAt = performance.now(); b.layoutMs = Number(m[1]); }
  if (b.firstNode !== null && b.layoutAt !== null) observer.disconnect();
});
addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true, characterData: true }));
`;

// Drives scrollTop from requestAnimationFrame and records the frame cadence, which is what a person
// sees as smoothness. It also counts blank frames: frames painted while the rows the table had
// rendered did not cover the viewport (a fast scroll outrunning the renderer shows empty table
// there). The rows are read right after the scroll step, in the same callback; nothing the page
// does between that callback and the paint can add rows (the table renders from scroll events,
// which for this step fire in the next frame).
const scrollProbe = (step: number) => `(async () => {
  const el = document.querySelector('[data-testid=flow-scroller]');
  const covered = () => {
    const top = el.scrollTop;
    const bottom = Math.min(top + el.clientHeight, el.scrollHeight);
    let lo = Infinity;
    let hi = -Infinity;
    for (const row of el.querySelectorAll('[data-testid=flow-row]')) {
      const i = Number(row.getAttribute('aria-rowindex')) - 2;
      if (i < lo) lo = i;
      if (i > hi) hi = i;
    }
    return lo * 30 <= top && (hi + 1) * 30 >= bottom;
  };
  const stamps = [];
  let blank = 0;
  await new Promise((resolve) => {
    const step = (t) => {
      stamps.push(t);
      el.scrollTop += ${step};
      if (!covered()) blank++;
      if (stamps.length < 240) requestAnimationFrame(step);
      else resolve();
    };
    requestAnimationFrame(step);
  });
  const gaps = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
  const elapsed = stamps[stamps.length - 1] - stamps[0];
  return { fps: ((stamps.length - 1) * 1000) / elapsed, p95: gaps[Math.floor(gaps.length * 0.95)], blank, frames: stamps.length, rows: Math.round(el.scrollHeight / 30) };
})()`;

interface MapResult {
  layoutAt: number;
  layoutMs: number;
  firstPaint: number;
  nodesDrawn: number;
  edgesDrawn: number;
  tick: number[];
  relayout: number[];
}

async function measureMap(page: Page, url: string): Promise<MapResult> {
  await page.addInitScript(PROBE);
  // The rate charts under the map refresh every 2 s on their own; leave them out of the tick cost.
  await page.route('**/api/series**', (route) => route.abort());
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(
    () => {
      const b = (window as unknown as { __bench: { firstPaint: number | null; layoutAt: number | null } })
        .__bench;
      return b.firstPaint !== null && b.layoutAt !== null;
    },
    null,
    { timeout: 60_000 },
  );
  const probe = await page.evaluate(() => (window as unknown as { __bench: Record<string, number> }).__bench);
  await sleep(3000);
  const drawn = await page.evaluate(() => ({
    nodes: document.querySelectorAll('[data-testid=map-node]').length,
    // Past 300 edges the map draws them on a canvas, which reports how many it drew.
    edges:
      document.querySelectorAll('[data-testid=map-edge]').length +
      Number(document.querySelector('[data-testid=map-edge-canvas]')?.getAttribute('data-edges') ?? 0),
  }));
  const browser = page.context().browser()!;
  const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'];
  await browser.startTracing(page, { categories });
  await sleep(6500);
  const ticks = deltaCosts(parseTrace(await browser.stopTracing()));
  const tickMedian = median(ticks);
  // Baseline: a tick that lays out and redraws everything. Its cost is the main thread's busy time
  // over a window holding one Re-layout, minus the ordinary ticks that landed in that window.
  const relayout: number[] = [];
  for (let i = 0; i < 3; i++) {
    await browser.startTracing(page, { categories });
    await page.getByRole('button', { name: 'Re-layout' }).click();
    await sleep(3000);
    const t = parseTrace(await browser.stopTracing());
    relayout.push(Math.max(0, busyMs(t) - t.deltas.length * (Number.isNaN(tickMedian) ? 0 : tickMedian)));
  }
  return {
    layoutAt: probe.layoutAt!,
    layoutMs: probe.layoutMs!,
    firstPaint: probe.firstPaint!,
    nodesDrawn: drawn.nodes,
    edgesDrawn: drawn.edges,
    tick: ticks,
    relayout,
  };
}

/** `rows` flows as `hubble observe -o jsonpb` lines, spread over the synthetic topology. */
function flowLines(topo: Topology, rows: number): Buffer {
  const lines: string[] = [];
  const start = Date.now() - rows * 10;
  for (let i = 0; i < rows; i++) {
    const event = edgeFlow(topo, i, start + i * 10, i);
    if (event.kind !== 'flow') continue;
    lines.push(JSON.stringify({ flow: event.flow, node_name: event.nodeName, time: event.time }));
  }
  return Buffer.from(lines.join('\n'));
}

async function measureScroll(
  page: Page,
  baseUrl: string,
  rows: number,
  file: Buffer,
): Promise<{
  fps: number;
  p95: number;
  blank: number;
  frames: number;
  rows: number;
  wheelFps: number;
  wheelP95: number;
  wheelBlank: number;
}> {
  await page.goto(`${baseUrl}/flows`);
  // Playwright passes large files by path.
  const filePath = path.join(os.tmpdir(), `skymap-bench-flows-${process.pid}.json`);
  writeFileSync(filePath, file);
  await page.locator('input[type=file]').setInputFiles(filePath);
  unlinkSync(filePath);
  await page.waitForFunction(
    (n) => {
      const el = document.querySelector('[data-testid=flow-scroller]');
      return el !== null && el.scrollHeight >= n * 30 * 0.9;
    },
    rows,
    { timeout: 120_000 },
  );
  await sleep(1000);
  // Strings, not functions: the TypeScript runner would inject helpers the page does not have.
  // 900 px/frame (~30 rows, a fast fling: every frame shows rows not rendered before), then
  // 100 px/frame (~3 rows, a mouse wheel).
  type Scroll = { fps: number; p95: number; blank: number; frames: number; rows: number };
  const fling = (await page.evaluate(scrollProbe(900))) as Scroll;
  await page.evaluate('document.querySelector("[data-testid=flow-scroller]").scrollTop = 0');
  await sleep(500);
  const wheel = (await page.evaluate(scrollProbe(100))) as Scroll;
  return { ...fling, wheelFps: wheel.fps, wheelP95: wheel.p95, wheelBlank: wheel.blank };
}

async function main(): Promise<void> {
  const nodes = intArg('nodes', 1000);
  const edges = intArg('edges', 5000);
  const changing = intArg('changing', 500);
  const rows = intArg('rows', 100_000);
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  if (only !== undefined && only !== 'map' && only !== 'flows') throw new Error('--only takes map or flows');
  ensureBuild(hasFlag('build'));
  console.log(`# bench-browser — ${machineLine()}`);
  console.log(
    `map: ${fmt(nodes)} nodes, ${fmt(edges)} edges, ${changing} edges changing per tick (1 tick/s)`,
  );
  const relay = await startSyntheticRelay(nodes, edges, changing);
  const app = await startApp(intArg('port', 3227), {
    HUBBLE_RELAY_ADDR: relay.address,
    SKYMAP_TICK_MS: '1000',
  });
  const browser = await launchChromium();
  try {
    // Wait until the server's map holds the whole synthetic topology.
    for (let i = 0; i < 120 && only !== 'flows'; i++) {
      const view = (await (await fetch(`${app.url}/api/map?window=5m`)).json()) as {
        nodes: unknown[];
        edges: unknown[];
      };
      if (view.nodes.length >= nodes && view.edges.length >= edges) break;
      await sleep(500);
    }
    const namespaces = [...new Set(relay.topology.workloads.map((w) => w.namespace))];
    const views = [
      ['folded (default past 250 nodes)', `${app.url}/map?window=5m`],
      ['expanded (every namespace open)', `${app.url}/map?window=5m&expand=${namespaces.join(',')}`],
    ] as const;
    const results: [string, MapResult][] = [];
    for (const [name, url] of only === 'flows' ? [] : views) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      results.push([name, await measureMap(await context.newPage(), url)]);
      await context.close();
    }
    console.log(
      `\n${'map view'.padEnd(34)}${'drawn n/e'.padStart(12)}${'layout at'.padStart(11)}${'worker'.padStart(9)}${'1st paint'.padStart(11)}${'tick (main thread)'.padStart(20)}${'re-layout tick'.padStart(16)}${'ratio'.padStart(8)}`,
    );
    for (const [name, r] of results) {
      const tick = median(r.tick);
      const full = median(r.relayout);
      console.log(
        `${name.padEnd(34)}${`${r.nodesDrawn}/${r.edgesDrawn}`.padStart(12)}${`${fmt(r.layoutAt)} ms`.padStart(11)}${`${fmt(r.layoutMs)} ms`.padStart(9)}${`${fmt(r.firstPaint)} ms`.padStart(11)}${`${tick.toFixed(1)} ms (n=${r.tick.length})`.padStart(20)}${`${full.toFixed(1)} ms`.padStart(16)}${`${(full / tick).toFixed(1)}x`.padStart(8)}`,
      );
    }
    console.log('targets: layout off the main thread ≤ 2,000 ms, first paint ≤ 3,000 ms, tick < 16 ms');
    if (only === 'map') return;

    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const scroll = await measureScroll(
      await context.newPage(),
      app.url,
      rows,
      flowLines(relay.topology, rows),
    );
    await context.close();
    console.log(
      `\nflows explorer: ${fmt(scroll.rows)} rows loaded; fling (~30 rows/frame) ${scroll.fps.toFixed(1)} fps, p95 frame ${scroll.p95.toFixed(1)} ms, ${scroll.blank}/${scroll.frames} blank frames; wheel (~3 rows/frame) ${scroll.wheelFps.toFixed(1)} fps, p95 frame ${scroll.wheelP95.toFixed(1)} ms, ${scroll.wheelBlank}/${scroll.frames} blank frames (target 60 fps, 0 blank)`,
    );
  } finally {
    await browser.close();
    await app.close();
    await relay.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
