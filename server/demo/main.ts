// `npm run demo-cluster`: the embedded demo cluster on its own, so Skymap (HUBBLE_RELAY_ADDR +
// KUBECONFIG), kubectl or `hubble observe` can be pointed at it.
import { resolve } from 'node:path';
import { startDemoCluster } from './demo-cluster';

function numberSetting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`demo-cluster: ${name}: expected a non-negative number, got "${raw}"`);
    process.exit(1);
  }
  return value;
}

async function main(): Promise<void> {
  const cluster = await startDemoCluster({
    flowRate: numberSetting('SKYMAP_DEMO_FLOW_RATE', 300),
    relayPort: numberSetting('DEMO_RELAY_PORT', 4245),
    kubePort: numberSetting('DEMO_KUBE_PORT', 6443),
    kubeconfigPath: resolve(process.env.DEMO_KUBECONFIG ?? '.demo/kubeconfig'),
  });
  console.log(`Hubble Relay (plaintext gRPC): ${cluster.relayAddress}`);
  console.log(`Kubernetes API:               ${cluster.kubeApiUrl}`);
  console.log(`kubeconfig:                   ${cluster.kubeconfigPath}`);
  console.log('');
  console.log(`  kubectl --kubeconfig ${cluster.kubeconfigPath} get nodes,pods -A`);
  console.log(`  hubble observe --server ${cluster.relayAddress} --follow`);
  console.log(`  HUBBLE_RELAY_ADDR=${cluster.relayAddress} KUBECONFIG=${cluster.kubeconfigPath} npm start`);
  const stop = async () => {
    await cluster.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`demo-cluster: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
