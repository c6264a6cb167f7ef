import type { Metadata } from 'next';
import { Suspense } from 'react';
import { FlowExplorer } from '../../components/flows/flow-explorer';

export const metadata: Metadata = { title: 'Flows · Skymap' };

export default function FlowsPage() {
  return (
    <Suspense fallback={<div className="muted">Loading flows…</div>}>
      <FlowExplorer />
    </Suspense>
  );
}
