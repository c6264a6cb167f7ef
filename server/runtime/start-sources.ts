// Wires sources to the hub according to the configuration: the embedded demo cluster when no
// cluster is configured, then Hubble Relay (flows) and the Kubernetes API (cluster health). Errors
// that are really configuration mistakes (unreadable TLS files, a bad kubeconfig) end start-up with
// one line naming the setting.
import { matchRelayLists } from '../domain/flow-filter';
import { keepNamespaces, namespaceWhitelist } from '../hub/namespace-mode';
import { createRelayClient } from '../sources/hubble/relay-client';
import { relayFieldMask } from '../sources/hubble/relay-fields';
import { createClusterSource } from '../sources/kubernetes/cluster-source';
import { loadKubeConfig } from '../sources/kubernetes/kubeconfig';
import { watchedResourcesFor } from '../sources/kubernetes/watched-resources';
import { startTalosSource } from '../sources/talos/talos-source';
import { logMalformedRelayMessages } from './log';
import type { Runtime } from './runtime';

function fatal(message: string): never {
  console.error(`skymap: invalid configuration: ${message}`);
  process.exit(1);
}

export async function startSources(runtime: Runtime): Promise<void> {
  const { hub, config } = runtime;
  let relayAddress = config.hubble.mode === 'relay' ? config.hubble.address : undefined;
  let kubeconfigPath = config.kube.mode === 'file' ? config.kube.path : undefined;

  if (config.demo) {
    const { startDemoCluster } = await import('../demo/demo-cluster');
    const demo = await startDemoCluster({
      flowRate: config.demoFlowRate,
      filter: (filters, flow) => matchRelayLists(filters.whitelist, filters.blacklist, flow),
    });
    runtime.disposers.push(() => demo.close());
    runtime.demo = {
      relayAddress: demo.relayAddress,
      kubeApiUrl: demo.kubeApiUrl,
      kubeconfigPath: demo.kubeconfigPath,
    };
    relayAddress = demo.relayAddress;
    kubeconfigPath = demo.kubeconfigPath;
  }

  hub.setRelayStatus({
    state: relayAddress ? 'connecting' : 'not-configured',
    address: relayAddress,
    reconnects: 0,
    demo: config.demo,
  });
  if (relayAddress) {
    let client: ReturnType<typeof createRelayClient>;
    try {
      client = createRelayClient({
        address: relayAddress,
        tls: config.hubble.mode === 'relay' ? config.hubble.tls : undefined,
        // SKYMAP_NAMESPACES: ask Relay for those namespaces only, and drop whatever else arrives.
        whitelist: namespaceWhitelist(config.namespaces),
        // SKYMAP_RELAY_FIELDS=essential: Relay leaves out the fields no live view reads.
        fieldMask: relayFieldMask(config.relayFields),
        onEvents: (batch, wires) => {
          const kept = keepNamespaces(batch, wires, config.namespaces);
          hub.ingest(kept.events, kept.wires);
        },
        onMalformed: (count) => {
          hub.countMalformed(count);
          logMalformedRelayMessages(count, hub.counters.malformed);
        },
        onStatus: (status) =>
          hub.setRelayStatus({
            state: status.state,
            address: status.address,
            lastError: status.lastError,
            reconnects: status.reconnects,
            demo: config.demo,
          }),
        onServerStatus: (status) => {
          hub.hubble = { ...hub.hubble, serverStatus: status };
        },
        onNodes: (nodes) => {
          hub.hubble = { ...hub.hubble, nodes };
        },
        onNamespaces: (namespaces) => {
          hub.hubble = { ...hub.hubble, namespaces: namespaces.map((n) => n.namespace) };
        },
      });
    } catch (err) {
      fatal(err instanceof Error ? err.message : String(err));
    }
    runtime.disposers.push(() => client.stop());
  }

  if (kubeconfigPath || config.kube.mode === 'in-cluster') {
    const loaded = loadKubeConfig(
      kubeconfigPath ? { kind: 'file', path: kubeconfigPath, setting: 'KUBECONFIG' } : { kind: 'in-cluster' },
    );
    if (!loaded.ok) fatal(loaded.error.message);
    const cluster = createClusterSource(loaded.kubeConfig, {
      resources: watchedResourcesFor(config.namespaces),
    });
    hub.cluster.attach(cluster);
    runtime.cluster = cluster;
    runtime.disposers.push(() => cluster.stop());
  }
  if (config.talosconfig) runtime.disposers.push(startTalosSource(config.talosconfig, hub.talos));
}
