import type { Metadata } from 'next';
import { VolumesView } from '../../components/cluster/volumes-view';

export const metadata: Metadata = { title: 'Volumes · Skymap' };

export default function VolumesPage() {
  return <VolumesView />;
}
