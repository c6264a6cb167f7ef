import { expect, type Page, test } from '@playwright/test';

// The virtual flow table recycles a fixed pool of DOM rows while scrolling; these check that what
// a person sees stays right: the rows on screen are the right flows in the right places, selection
// and the drawer follow clicks and arrow keys, and new flows arriving on top leave a scrolled-down
// reader's rows where they were.

const ROW = 30;
const N = 5000;

/** N flows as `hubble observe -o jsonpb` lines; line k's source pod is pod-k (the table shows newest first). */
function flowFile(): Buffer {
  const start = Date.parse('2024-05-01T10:00:00Z');
  const lines: string[] = [];
  for (let k = 0; k < N; k++) {
    const time = new Date(start + k * 10).toISOString();
    lines.push(
      JSON.stringify({
        flow: {
          time,
          verdict: k % 7 === 0 ? 'DROPPED' : 'FORWARDED',
          drop_reason_desc: k % 7 === 0 ? 'POLICY_DENIED' : undefined,
          source: { namespace: 'shop', pod_name: `pod-${k}` },
          destination: { namespace: 'db', pod_name: `db-${k % 3}` },
          l4: { TCP: { destination_port: 5432 } },
          node_name: `worker-${k % 4}`,
        },
        node_name: `worker-${k % 4}`,
        time,
      }),
    );
  }
  return Buffer.from(lines.join('\n'));
}

/** Every rendered row: its index, where it is drawn and the pod it shows. */
async function renderedRows(page: Page) {
  return page.getByTestId('flow-scroller').evaluate((el) => ({
    scrollTop: el.scrollTop,
    height: el.clientHeight,
    rows: [...el.querySelectorAll<HTMLTableRowElement>('[data-testid=flow-row]')].map((tr) => ({
      index: Number(tr.getAttribute('aria-rowindex')) - 2,
      top: tr.offsetTop,
      source: tr.cells[1]?.textContent ?? '',
      selected: tr.getAttribute('aria-selected') === 'true',
    })),
  }));
}

async function expectRowsRight(page: Page) {
  const { scrollTop, height, rows } = await renderedRows(page);
  const indexes = rows.map((r) => r.index).sort((a, b) => a - b);
  expect(new Set(indexes).size).toBe(indexes.length);
  const first = indexes[0] ?? 0;
  const last = indexes[indexes.length - 1] ?? 0;
  // Contiguous, and covering the viewport.
  expect(last - first + 1).toBe(indexes.length);
  expect(first * ROW).toBeLessThanOrEqual(scrollTop);
  expect((last + 1) * ROW).toBeGreaterThanOrEqual(Math.min(scrollTop + height, N * ROW));
  for (const r of rows) {
    expect(r.top).toBe(r.index * ROW);
    expect(r.source).toBe(`shop/pod-${N - 1 - r.index}`);
  }
}

test.describe('flow table', () => {
  test('scrolling 5,000 imported rows shows the right rows; click, arrow keys and Escape select', async ({
    page,
  }) => {
    await page.goto('/flows');
    await expect(page.getByTestId('flow-row').first()).toBeVisible();
    await page.getByTestId('import-input').setInputFiles({
      name: 'many.json',
      mimeType: 'application/json',
      buffer: flowFile(),
    });
    await expect(page.getByTestId('row-count')).toContainText('5,000');
    await expectRowsRight(page);

    const scroller = page.getByTestId('flow-scroller');
    await scroller.hover();
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 700);
    await expect.poll(async () => (await renderedRows(page)).scrollTop).toBeGreaterThan(3000);
    await expectRowsRight(page);
    // A long jump (the scrollbar dragged), then back up by wheel.
    await scroller.evaluate((el) => {
      el.scrollTop = 2000 * 30 + 7;
    });
    await expect.poll(async () => (await renderedRows(page)).rows.some((r) => r.index === 2000)).toBe(true);
    await expectRowsRight(page);
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -400);
    await expect.poll(async () => (await renderedRows(page)).scrollTop).toBeLessThan(2000 * 30 - 1000);
    await expectRowsRight(page);

    // Click the row at the top of the viewport: it is selected and the drawer shows its flow.
    const topIndex = Math.ceil((await renderedRows(page)).scrollTop / ROW);
    await page.locator(`[data-testid=flow-row][aria-rowindex="${topIndex + 2}"]`).click();
    const drawer = page.getByTestId('flow-drawer');
    await expect(drawer).toBeVisible();
    await expect(drawer).toContainText(`pod-${N - 1 - topIndex}`);
    await expect(page.locator('[data-testid=flow-row][aria-selected=true]')).toHaveAttribute(
      'aria-rowindex',
      String(topIndex + 2),
    );

    // Arrow keys move the selection; the table scrolls to keep it on screen.
    await scroller.focus();
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowDown');
    const selectedIndex = topIndex + 40;
    await expect(drawer).toContainText(`pod-${N - 1 - selectedIndex}`);
    const after = await renderedRows(page);
    const selected = after.rows.filter((r) => r.selected);
    expect(selected.map((r) => r.index)).toEqual([selectedIndex]);
    expect(selectedIndex * ROW).toBeGreaterThanOrEqual(after.scrollTop);
    expect((selectedIndex + 1) * ROW).toBeLessThanOrEqual(after.scrollTop + after.height);
    await expectRowsRight(page);

    await page.keyboard.press('Escape');
    await expect(drawer).toHaveCount(0);
    await expect(page.locator('[data-testid=flow-row][aria-selected=true]')).toHaveCount(0);

    // Cells get their full text as a title when the pointer is over them.
    const cell = page.locator(`[data-testid=flow-row][aria-rowindex="${selectedIndex + 2}"] td`).nth(1);
    await cell.hover();
    await expect(cell).toHaveAttribute('title', `shop/pod-${N - 1 - selectedIndex}`);
    const time = page.locator(`[data-testid=flow-row][aria-rowindex="${selectedIndex + 2}"] td`).first();
    await time.hover();
    await expect(time).toHaveAttribute('title', /^2024-05-01T10:/);
  });

  test('new live rows on top keep a scrolled-down reader in place, and follow at the top', async ({
    page,
  }) => {
    await page.goto('/flows');
    const scroller = page.getByTestId('flow-scroller');
    await expect
      .poll(async () => scroller.evaluate((el) => el.querySelectorAll('[data-testid=flow-row]').length))
      .toBeGreaterThan(40);
    // The reader scrolls down to row 30 and reads the row at the top of the viewport. The scroll
    // position and that row are read together: a tick may land between any two steps here.
    const topRow = () =>
      scroller.evaluate((el) => {
        const index = Math.round(el.scrollTop / 30);
        const tr = el.querySelector(`[data-testid=flow-row][aria-rowindex="${index + 2}"]`);
        return { scrollTop: el.scrollTop, text: tr?.textContent ?? '' };
      });
    await scroller.evaluate((el) => {
      el.scrollTop = 30 * 30;
    });
    await expect.poll(async () => (await topRow()).text).not.toBe('');
    const read = await topRow();
    // Live flows arrive on top (the demo cluster sends hundreds per second): the scroll position
    // moves down by as many rows, and the same flow is still at the top of the viewport.
    await expect.poll(async () => (await topRow()).scrollTop).toBeGreaterThan(read.scrollTop);
    expect((await topRow()).text).toBe(read.text);

    // At the top, the table follows: new rows appear and the scroll position stays 0.
    await scroller.evaluate((el) => {
      el.scrollTop = 0;
    });
    const first = (await topRow()).text;
    await expect.poll(async () => (await topRow()).text).not.toBe(first);
    expect((await topRow()).scrollTop).toBe(0);
  });
});
