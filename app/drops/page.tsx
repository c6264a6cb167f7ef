import { Suspense } from 'react';
import { DropsView } from '../../components/drops/drops-view';

export default function DropsPage() {
  return (
    <Suspense fallback={<div className="muted">Loading drops…</div>}>
      <DropsView />
    </Suspense>
  );
}
