import { expect, test } from '@playwright/test';
import { parse } from 'yaml';

interface Cnp {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  spec?: {
    endpointSelector?: { matchLabels?: Record<string, string> };
    ingress?: { fromEndpoints?: { matchLabels?: Record<string, string> }[]; toPorts?: unknown[] }[];
  };
}

test('a default-deny drop leads to its explanation and a copyable allow policy', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await page.goto('/drops?window=5m');
  await expect(page.getByRole('heading', { name: 'Drops' })).toBeVisible();

  const row = page
    .getByTestId('drop-row')
    .filter({ hasText: 'shop/recommender' })
    .filter({ hasText: 'payments/payments' })
    .filter({ hasText: 'POLICY_DENIED' });
  await expect(row).toHaveCount(1, { timeout: 45_000 });
  await expect(row).toContainText('50051/TCP');
  await row.getByRole('button').click();
  await expect(page).toHaveURL(/group=/);

  const detail = page.getByTestId('drop-detail');
  await expect(detail).toBeVisible();
  await expect(page.getByTestId('drop-explanation')).toContainText('default deny');
  await expect(page.getByTestId('drop-explanation')).toContainText('payments/payments-ingress');
  await expect(page.getByTestId('drop-policies')).toContainText('payments/payments-ingress');
  await expect(page.getByTestId('drop-policies')).toContainText('CiliumNetworkPolicy');
  await expect(page.getByTestId('drop-flows-link')).toHaveAttribute('href', /from-pod=shop%2Frecommender/);

  await page.getByTestId('copy-policy').click();
  await expect(detail.getByText('Copied')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await page.getByTestId('suggested-policy').textContent());
  const policy = parse(copied) as Cnp;
  expect(policy.apiVersion).toBe('cilium.io/v2');
  expect(policy.kind).toBe('CiliumNetworkPolicy');
  expect(policy.metadata?.namespace).toBe('payments');
  expect(Object.values(policy.spec?.endpointSelector?.matchLabels ?? {})).toContain('payments');
  expect(Object.values(policy.spec?.ingress?.[0]?.fromEndpoints?.[0]?.matchLabels ?? {})).toContain(
    'recommender',
  );
  expect(policy.spec?.ingress?.[0]?.toPorts).toEqual([{ ports: [{ port: '50051', protocol: 'TCP' }] }]);
});

test('an explicit deny names its deny policy and offers no allow rule', async ({ page }) => {
  await page.goto('/drops?window=5m&q=catalog');
  const row = page
    .locator('[data-testid="drop-row"][data-reason="POLICY_DENY"]')
    .filter({ hasText: 'shop/catalog' });
  await expect(row.first()).toBeVisible({ timeout: 45_000 });
  await row.first().getByRole('button').click();
  await expect(page.getByTestId('drop-policies')).toContainText('shop/deny-metadata-egress');
  await expect(page.getByTestId('drop-explanation')).toContainText('will not admit');
  await expect(page.getByTestId('copy-policy')).toHaveCount(0);
});

test('bad query parameters are refused with a clear error', async ({ request }) => {
  const response = await request.get('/api/drops?window=2d');
  expect(response.status()).toBe(400);
  expect(await response.json()).toEqual({ error: 'window must be one of 1m, 5m, 15m, 1h, all' });
  const ok = await request.get('/api/drops?window=1h');
  expect(ok.status()).toBe(200);
  const body = (await ok.json()) as { groups: unknown[]; lost: unknown[] };
  expect(Array.isArray(body.groups)).toBe(true);
  expect(Array.isArray(body.lost)).toBe(true);
});
