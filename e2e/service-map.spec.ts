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

test('namespace boxes never cover one another, also after new services appear', async ({ page }) => {
  await page.goto('/map');
  await expect(page.getByTestId('map-state')).toHaveText('live');
  await expect(page.locator('[data-node-id="shop/frontend"]')).toBeVisible();
  // A few ticks: services that send their first flows later are placed beside the first layout.
  await page.waitForTimeout(4000);
  const boxes = await page.getByTestId('map-group').evaluateAll((groups) =>
    groups.map((g) => {
      const r = (g.querySelector('rect') as SVGRectElement).getBoundingClientRect();
      return { name: g.textContent ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
  expect(boxes.length).toBeGreaterThan(5);
  const overlapping: string[] = [];
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1))
      if (a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5)
        overlapping.push(`${a.name} × ${b.name}`);
  expect(overlapping).toEqual([]);
});

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
