import type { Metadata } from 'next';
import { CertificatesView } from '../../components/cluster/certificates-view';

export const metadata: Metadata = { title: 'Certificates · Skymap' };

export default function CertificatesPage() {
  return <CertificatesView />;
}
