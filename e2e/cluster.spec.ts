import { expect, type Page, test } from '@playwright/test';

// The demo cluster's ten-minute cycle starts with the server, so these run in its calm opening
// phase: an expired, a failing and an expiring certificate, a faulted Longhorn volume, Ceph
// HEALTH_WARN (nearfull), Talos and NixOS nodes with mixed NixOS releases and kubelet skew.

const KUBE_OK = { configured: true, synced: true, errors: [] };

async function stub(page: Page, path: string, body: unknown) {
  await page.route(`**${path}*`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) }),
  );
}

test('overview shows traffic now, cluster health and what needs attention', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await expect(page.getByTestId('kpi-flows-per-second')).toHaveText(/^[\d.]+k?\/s$/);
  await expect(page.getByTestId('kpi-flows-per-second')).not.toHaveText('0/s');
  await expect(page.getByTestId('kpi-certificates')).toContainText('3');
  await expect(page.getByTestId('kpi-certificates-tile')).toContainText(
    '1 expired · 1 failed · 1 expiring of 5',
  );
  await expect(page.getByTestId('kpi-volumes-tile')).toContainText('1 faulted');
  await expect(page.getByTestId('kpi-ceph')).toHaveText('WARN');
  await expect(page.getByTestId('kpi-nodes')).toContainText('4/4');
  await expect(page.getByTestId('kpi-hubble')).toContainText('4/4');

  const attention = page.getByTestId('attention-list');
  await expect(attention).toContainText('1 certificate expired');
  await expect(attention).toContainText('monitoring/grafana-example-com-tls');
  await expect(attention).toContainText('1 Longhorn volume faulted');
  await expect(attention).toContainText('Ceph rook-ceph/rook-ceph: HEALTH_WARN');
  await expect(attention).toContainText('Mixed NixOS releases');
  await expect(page.getByTestId('trend-flows')).toBeVisible();
  await expect(page.getByTestId('stream-state')).toHaveText('live');

  await attention.getByRole('link', { name: '1 certificate expired' }).click();
  await expect(page).toHaveURL(/\/certificates$/);
  await expect(page.getByRole('heading', { name: 'Certificates' })).toBeVisible();
});

test('certificates are sorted by urgency with what they protect and their traffic', async ({ page }) => {
  await page.goto('/certificates');
  const rows = page.getByTestId('cert-row');
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toHaveAttribute('data-status', 'expired');
  const grafana = page.locator('[data-cert="monitoring/grafana-example-com-tls"]');
  await expect(grafana.getByText('expired', { exact: true })).toBeVisible();
  await expect(grafana).toContainText('4 d ago');
  await expect(grafana).toContainText('grafana.example.com');
  await expect(grafana).toContainText('Ingress monitoring/grafana');
  await expect(grafana.getByRole('link', { name: 'monitoring/grafana' })).toHaveAttribute(
    'href',
    '/map?sel=node%3Amonitoring%2Fgrafana',
  );
  const failing = page.locator('[data-cert="payments/hooks-pay-example-com-tls"]');
  await expect(failing).toHaveAttribute('data-status', 'failed');
  await expect(failing).toContainText('Vault failed to sign certificate');
  const shop = page.locator('[data-cert="shop/shop-example-com-tls"]');
  await expect(shop).toHaveAttribute('data-status', 'expiring');
  await expect(shop).toContainText('in 6 d');
  // Live traffic through the certificate's backend (shop/frontend) shows up once flows arrive.
  await expect(shop.getByTestId('cert-rate')).toHaveText(/^(?!0\/s$)[\d.<]+k?\/s$/);
  await expect(page.locator('[data-cert="shop/partners-shop-tls"]')).toContainText(
    'Gateway shop/shop-gateway',
  );
});

test('volumes show the faulted Longhorn volume and Ceph HEALTH_WARN with its checks', async ({ page }) => {
  await page.goto('/volumes');
  const faulted = page.locator('[data-testid="volume-row"][data-robustness="faulted"]');
  await expect(faulted).toHaveCount(1);
  await expect(faulted).toContainText('monitoring/storage-loki-0');
  await expect(faulted).toContainText('monitoring/loki');
  await expect(faulted).toContainText('0/2');
  await expect(page.getByTestId('volume-row').first()).toHaveAttribute('data-robustness', 'faulted');
  const ceph = page.getByTestId('ceph-cluster');
  await expect(ceph.getByText('HEALTH_WARN').first()).toBeVisible();
  const details = page.getByTestId('ceph-details');
  await expect(details).toContainText('OSD_NEARFULL');
  await expect(details).toContainText('1 nearfull osd(s)');
  await expect(details).toContainText('POOL_NEARFULL');
  await expect(ceph).toContainText('used');
  await expect(page.getByLabel('Ceph pools')).toContainText('rook-ceph/replicapool');
});

test('nodes show Talos and NixOS versions, problems and links per node', async ({ page }) => {
  await page.goto('/nodes');
  await expect(page.getByTestId('node-card')).toHaveCount(4);
  const talos = page.locator('[data-node="talos-cp-1"]');
  await expect(talos.getByTestId('node-os')).toHaveText('Talos v1.11.2');
  await expect(talos).toContainText('control-plane');
  await expect(talos).toContainText('6.12.48-talos');
  await expect(page.locator('[data-node="nixos-worker-1"]').getByTestId('node-os')).toHaveText('NixOS 24.11');
  await expect(page.locator('[data-node="nixos-worker-2"]').getByTestId('node-os')).toHaveText('NixOS 25.05');
  await expect(page.locator('[data-node="nixos-worker-2"]')).toContainText('arm64');
  await expect(page.getByTestId('talos-notice')).toContainText('Talos API not configured: set TALOSCONFIG');
  const problems = page.getByTestId('node-problems');
  await expect(problems).toContainText('Mixed NixOS releases: 24.11');
  await expect(problems).toContainText('Kubelet version skew');
  await expect(page.getByTestId('versions-nixos')).toContainText('mixed');
  await expect(page.getByTestId('versions-talos')).toContainText('consistent');
  await expect(talos.getByRole('link', { name: 'Flows on this node →' })).toHaveAttribute(
    'href',
    '/flows?node-name=talos-cp-1',
  );
  await expect(talos.getByText('connected')).toBeVisible();
});

test('absent CRDs read as "not installed", never as errors', async ({ page }) => {
  await stub(page, '/api/certificates', { installed: false, certificates: [], kube: KUBE_OK });
  await page.goto('/certificates');
  await expect(page.getByTestId('certs-not-installed')).toContainText('cert-manager is not installed');
  await expect(page.getByTestId('load-error')).toHaveCount(0);

  await stub(page, '/api/volumes', {
    longhorn: { installed: false, volumes: [] },
    ceph: { installed: false, clusters: [], pools: [] },
    kube: KUBE_OK,
  });
  await page.goto('/volumes');
  await expect(page.getByTestId('longhorn-not-installed')).toContainText('Longhorn is not installed');
  await expect(page.getByTestId('ceph-not-installed')).toContainText('Rook-Ceph is not installed');
});

test('cluster APIs answer with documented JSON and reject bad parameters', async ({ request }) => {
  const overview = await (await request.get('/api/overview')).json();
  expect(overview.certificates).toMatchObject({ installed: true, expired: 1, failed: 1, expiring: 1 });
  expect(overview.volumes).toMatchObject({ faulted: 1, cephHealth: 'HEALTH_WARN' });
  const certs = await (await request.get('/api/certificates')).json();
  expect(certs.installed).toBe(true);
  expect(certs.certificates[0]).toMatchObject({ name: 'grafana-example-com-tls', status: 'expired' });
  const bad = await request.get('/api/certificates?window=2d');
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toContain('invalid window "2d"');
  expect((await request.get('/api/nodes?verbose=1')).status()).toBe(400);
});
