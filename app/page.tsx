import { LiveTraffic } from '../components/overview/live-traffic';

export default function OverviewPage() {
  return (
    <>
      <h1>Overview</h1>
      <LiveTraffic />
    </>
  );
}
