import type { Metadata } from 'next';
import { NodesView } from '../../components/cluster/nodes-view';

export const metadata: Metadata = { title: 'Nodes · Skymap' };

export default function NodesPage() {
  return <NodesView />;
}
