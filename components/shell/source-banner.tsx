'use client';
import { useQuery } from '@tanstack/react-query';

interface StatusBody {
  demo: boolean;
  relay: { state: string; address?: string; lastError?: string; reconnects: number };
  kube: { mode: string };
}

export function SourceBanner() {
  const { data } = useQuery({
    queryKey: ['status'],
    queryFn: async (): Promise<StatusBody> => {
      const response = await fetch('/api/status');
      if (!response.ok) throw new Error(`status ${response.status}`);
      return (await response.json()) as StatusBody;
    },
    refetchInterval: 3000,
  });
  if (!data) return <div className="banner muted">Connecting…</div>;
  const relay = data.relay;
  if (relay.state === 'unavailable' || (relay.state === 'connecting' && relay.reconnects > 0)) {
    return (
      <div className="banner banner-crit" role="alert" data-testid="relay-banner">
        Hubble Relay {relay.address ? <code>{relay.address}</code> : null} is unreachable
        {relay.lastError ? <>: {relay.lastError}</> : null}. Retrying with backoff (attempt {relay.reconnects}
        ).
      </div>
    );
  }
  if (data.demo) {
    return (
      <div className="banner banner-demo" data-testid="demo-banner">
        <strong>Demo cluster.</strong> No cluster is configured, so Skymap shows its embedded demo cluster (a
        real Hubble Relay API and Kubernetes API on loopback with simulated traffic). Set{' '}
        <code>HUBBLE_RELAY_ADDR</code> and <code>KUBECONFIG</code> to watch a real cluster.
      </div>
    );
  }
  return null;
}
