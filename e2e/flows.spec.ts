import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

test.describe('flows explorer', () => {
  test('URL filters show only matching rows; the drawer shows fields and adds filters', async ({ page }) => {
    await page.goto('/flows?verdict=DROPPED');
    const chips = page.getByTestId('filter-chip');
    await expect(chips).toHaveCount(1);
    await expect(chips.first()).toContainText('verdict');
    await expect(chips.first()).toContainText('DROPPED');

    const rows = page.getByTestId('flow-row');
    await expect(rows.first()).toBeVisible();
    const verdicts = await rows.locator('.verdict').allTextContents();
    expect(verdicts.length).toBeGreaterThan(0);
    expect(new Set(verdicts)).toEqual(new Set(['DROPPED']));

    await rows.first().click();
    const drawer = page.getByTestId('flow-drawer');
    await expect(drawer).toBeVisible();
    await expect(drawer.getByRole('heading', { name: 'Source' })).toBeVisible();
    await expect(drawer.getByRole('heading', { name: 'Destination' })).toBeVisible();
    await expect(drawer.getByText('Drop reason')).toBeVisible();

    // Clicking the node name adds it as a filter chip and to the URL.
    const node = drawer.locator('button[data-filter^="node-name="]');
    const filter = (await node.getAttribute('data-filter')) ?? '';
    const nodeName = filter.slice('node-name='.length);
    await node.click();
    await expect(chips).toHaveCount(2);
    await expect(page).toHaveURL(new RegExp(`node-name=${nodeName}`));
    await expect(page).toHaveURL(/verdict=DROPPED/);
    await expect(chips.nth(1)).toContainText(nodeName);
  });

  test('copy as hubble observe shows the equivalent command', async ({ page }) => {
    await page.goto('/flows?verdict=DROPPED');
    await page.getByTestId('copy-command').click();
    const command = page.getByTestId('command-text');
    await expect(command).toBeVisible();
    await expect(command).toHaveValue(/^hubble observe .*--verdict DROPPED/);
    await expect(command).toHaveValue(/--follow/);
  });

  test('adding a negated filter from the form updates the chips and the URL', async ({ page }) => {
    await page.goto('/flows');
    // Rows on screen: the page is hydrated and the form is React's.
    await expect(page.getByTestId('flow-row').first()).toBeVisible();
    await page.getByLabel('Filter field').selectOption('verdict');
    await page.getByLabel('Filter value').fill('forwarded');
    await page.getByLabel('not', { exact: true }).check();
    await page.getByRole('button', { name: 'Add filter' }).click();
    await expect(page).toHaveURL(/not-verdict=FORWARDED/);
    await expect(page.getByTestId('filter-chip')).toContainText('verdict≠FORWARDED');
    await expect(page.getByTestId('flow-row').first()).toBeVisible();
    const verdicts = await page.getByTestId('flow-row').locator('.verdict').allTextContents();
    expect(verdicts).not.toContain('FORWARDED');
  });

  test('a bad filter in the URL is reported, not ignored', async ({ page }) => {
    await page.goto('/flows?verdict=SOMETIMES');
    await expect(page.getByTestId('url-error')).toContainText('unknown verdict');
  });

  test('pause buffers new flows and resume applies them', async ({ page }) => {
    await page.goto('/flows');
    await expect(page.getByTestId('flow-row').first()).toBeVisible();
    await page.getByTestId('pause-button').click();
    await expect(page.getByTestId('explorer-state')).toHaveText('Paused');
    await expect(page.getByTestId('pending-count')).toBeVisible();
    await page.getByTestId('pause-button').click();
    await expect(page.getByTestId('pending-count')).toHaveCount(0);
    await expect(page.getByTestId('explorer-state')).toHaveText('Live');
  });

  test('export, then import the file: offline banner and the same rows', async ({ page }) => {
    await page.goto('/flows?verdict=DROPPED');
    await expect(page.getByTestId('flow-row').first()).toBeVisible();
    await page.getByTestId('pause-button').click();
    const shown = await page.getByTestId('row-count').textContent();
    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('export-button').click();
    const download = await downloadPromise;
    const file = await download.path();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines.slice(0, 20)) {
      const parsed = JSON.parse(line) as { flow: { verdict: string }; node_name?: string; time?: string };
      expect(parsed.flow.verdict).toBe('DROPPED');
      expect(parsed.time).toBeTruthy();
    }
    expect(shown).toContain(lines.length.toLocaleString('en-US'));

    await page.getByTestId('import-input').setInputFiles(file);
    const banner = page.getByTestId('offline-banner');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(`${lines.length.toLocaleString('en-US')} flows`);
    await expect(page.getByTestId('explorer-state')).toHaveText('Offline file');
    await expect(page.getByTestId('flow-row').first()).toBeVisible();
    await expect(page.getByTestId('row-count')).toContainText(lines.length.toLocaleString('en-US'));
    await page.getByTestId('copy-command').click();
    await expect(page.getByTestId('command-text')).toHaveValue(
      /^hubble observe --input-file \S+ --verdict DROPPED$/,
    );

    // Filters apply to the file, client side.
    await page.getByLabel('Filter field').selectOption('verdict');
    await page.getByLabel('Filter value').fill('DROPPED');
    await page.getByLabel('not', { exact: true }).check();
    await page.getByRole('button', { name: 'Add filter' }).click();
    await expect(page.getByTestId('row-count')).toContainText('0 flows shown');
    await expect(page.getByText('No flow in this file matches the filters.')).toBeVisible();

    await banner.getByRole('button', { name: 'Back to live flows' }).click();
    await expect(banner).toHaveCount(0);
  });
});
