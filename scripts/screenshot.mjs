// Developer aid: screenshots of Skymap pages in headless Chromium, to look at what users see.
// Usage: node scripts/screenshot.mjs http://127.0.0.1:3000 / /map?theme=light … (PNGs go to ./screenshots)
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const [base = 'http://127.0.0.1:3000', ...paths] = process.argv.slice(2);
const outDir = process.env.SCREENSHOT_DIR ?? 'screenshots';
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
page.on('console', (m) => m.type() === 'error' && console.error(`console: ${m.text()}`));
page.on('pageerror', (e) => console.error(`pageerror: ${e.message}`));
for (const path of paths.length ? paths : ['/']) {
  await page.goto(`${base}${path}`);
  await page.waitForTimeout(Number(process.env.SCREENSHOT_WAIT_MS ?? 5000));
  const file = `${outDir}/${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'root'}.png`;
  await page.screenshot({ path: file });
  console.log(file);
}
await browser.close();
