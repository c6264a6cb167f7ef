import { expect, test } from '@playwright/test';

test('overview shows live flows from the demo cluster', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  await expect(page.getByTestId('stream-state')).toHaveText('live');
});
