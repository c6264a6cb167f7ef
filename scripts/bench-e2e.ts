// End-to-end latency: a flow published by the (synthetic) Relay → on screen in the map, in headless
// Chromium against the production build, while the Relay also streams a busy map (--nodes,
// --edges, --changing per second). Each probe is one flow in a namespace never seen before, so it
// draws a new node; published at a random moment relative to the server's tick. Reported per probe:
// when the server's map stream carried it (an SSE reader in this process) and when the page drew
// it (a MutationObserver in the page; same machine clock). Target: p95 on screen ≤ 2 s.
//
//   npx tsx scripts/bench-e2e.ts [--build] [--probes 20] [--nodes 1000] [--edges 5000]
//     [--changing 500] [--port 3227]

import { ensureBuild, launchChromium, startApp, startSyntheticRelay } from './bench-app';
import { hasFlag, intArg, machineLine, median, percentile, sleep } from './bench-support';
import { probeFlow } from './bench-synthetic';

/** Resolves names (probe-k) as they appear in the server's map stream, with the arrival time. */
function watchStream(url: string, seen: Map<string, number>, signal: AbortSignal): void {
  void (async () => {
    const response = await fetch(url, { signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const now = Date.now();
      for (const m of decoder.decode(value, { stream: true }).matchAll(/probe-(\d+)/g)) {
        if (!seen.has(m[0])) seen.set(m[0], now);
      }
    }
  })().catch(() => {});
}

const PROBE = `
window.__drawn = {};
const observer = new MutationObserver(() => {
  // Each text node of the cards on its own: a card's whole textContent runs its name into the next
  // line ("probe-1" + "2 workloads" reads "probe-12"), and the page has other SVGs besides the map.
  for (const card of document.querySelectorAll('[data-testid=map-node]')) {
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const m = /^probe-\\d+$/.exec((node.data ?? '').trim());
      if (m && !(m[0] in window.__drawn)) window.__drawn[m[0]] = Date.now();
    }
  }
});
addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true, characterData: true }));
`;

async function main(): Promise<void> {
  const probes = intArg('probes', 20);
  const nodes = intArg('nodes', 1000);
  const edges = intArg('edges', 5000);
  ensureBuild(hasFlag('build'));
  console.log(`# bench-e2e — ${machineLine()}`);
  const relay = await startSyntheticRelay(nodes, edges, intArg('changing', 500));
  const app = await startApp(intArg('port', 3227), {
    HUBBLE_RELAY_ADDR: relay.address,
    SKYMAP_TICK_MS: '1000',
  });
  const browser = await launchChromium();
  const abort = new AbortController();
  try {
    const streamSeen = new Map<string, number>();
    watchStream(`${app.url}/api/stream/map?window=1m`, streamSeen, abort.signal);
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    await page.addInitScript(PROBE);
    await page.goto(`${app.url}/map?window=1m`);
    await page.waitForSelector('[data-testid=map-node]', { timeout: 60_000 });
    await sleep(3000);
    const published = new Map<string, number>();
    for (let k = 0; k < probes; k++) {
      // A random phase against the 1 s tick, so the spread of waits is sampled fairly.
      await sleep(1200 + Math.random() * 1000);
      const name = `probe-${k}`;
      published.set(name, Date.now());
      relay.publish([probeFlow(k, Date.now())]);
    }
    await sleep(5000);
    const drawn =
      (await page.evaluate(() => (window as unknown as { __drawn: Record<string, number> }).__drawn)) ?? {};
    const server: number[] = [];
    const screen: number[] = [];
    let missing = 0;
    for (const [name, t0] of published) {
      const s = streamSeen.get(name);
      const d = drawn[name];
      if (s !== undefined) server.push(s - t0);
      if (d !== undefined) screen.push(d - t0);
      else missing += 1;
    }
    const line = (label: string, xs: number[]) =>
      console.log(
        `${label.padEnd(40)} p50 ${median(xs).toFixed(0).padStart(5)} ms   p95 ${percentile(xs, 95).toFixed(0).padStart(5)} ms   max ${Math.max(
          ...xs,
        )
          .toFixed(0)
          .padStart(5)} ms   (n=${xs.length})`,
      );
    console.log(`${probes} probes on a ${nodes}-node / ${edges}-edge map with a 1 s tick`);
    line('Relay → server map stream (SSE)', server);
    line('Relay → drawn on the map (browser)', screen);
    if (missing > 0) console.log(`${missing} probes never appeared on screen within 5 s`);
    const p95 = percentile(screen, 95);
    console.log(
      `p95 on screen ${p95.toFixed(0)} ms (target ≤ 2,000 ms); ratio to the tick interval: ${(p95 / 1000).toFixed(2)}x; browser share of p50: ${(median(screen) - median(server)).toFixed(0)} ms`,
    );
  } finally {
    abort.abort();
    await browser.close();
    await app.close();
    await relay.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
