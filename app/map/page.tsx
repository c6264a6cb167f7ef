import { Suspense } from 'react';
import { ServiceMapView } from '../../components/map/service-map-view';

export default function MapPage() {
  return (
    <Suspense fallback={<div className="muted">Loading map…</div>}>
      <ServiceMapView />
    </Suspense>
  );
}
