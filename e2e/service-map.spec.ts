import { expect, test } from '@playwright/test';

for (const theme of ['dark', 'light'] as const) {
  test(`service map shows the demo cluster's services and traffic (${theme} theme)`, async ({ page }) => {
    await page.goto(`/map?theme=${theme}`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.getByTestId('map-state')).toHaveText('live');
    // Workloads of the demo's shop namespace, and traffic between them.
    await expect(page.locator('[data-node-id="shop/frontend"]')).toBeVisible();
    await expect(page.locator('[data-node-id="shop/cart"]')).toBeVisible();
    await expect(page.locator('[data-edge-id="shop/frontend->shop/cart"]')).toBeAttached();
    expect(await page.getByTestId('map-node').count()).toBeGreaterThan(10);
    expect(await page.getByTestId('map-edge').count()).toBeGreaterThan(10);
    await expect(page.getByTestId('map-charts')).toBeVisible();
  });
}

test('clicking an edge shows its details and puts the selection in the URL', async ({ page }) => {
  await page.goto('/map');
  const edge = page.locator('[data-edge-id="shop/frontend->shop/cart"]');
  await expect(edge).toBeAttached();
  await edge.dispatchEvent('click');
  const panel = page.getByTestId('map-side-edge');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('shop/frontend → shop/cart');
  await expect(panel.getByTestId('edge-detail').first()).toContainText('flows');
  await expect(page).toHaveURL(/sel=edge%3Ashop%2Ffrontend-%3Eshop%2Fcart/);
});

test('clicking a card shows its details, badges and the pods behind it', async ({ page }) => {
  await page.goto('/map');
  const card = page.locator('[data-node-id="monitoring/grafana"]');
  await expect(card).toBeVisible();
  await card.dispatchEvent('click');
  const panel = page.getByTestId('map-side-node');
  await expect(panel).toContainText('monitoring/grafana');
  await expect(panel.getByTestId('side-badge').first()).toContainText('Certificate');
  await expect(panel).toContainText('Pods');
});

test('search highlights and namespace filter narrows the map', async ({ page }) => {
  await page.goto('/map?namespace=payments');
  await expect(page.locator('[data-node-id="payments/payments"]')).toBeVisible();
  // Edges with either end in payments stay; unrelated namespaces go.
  await expect(page.locator('[data-node-id="monitoring/grafana"]')).toHaveCount(0);
});
