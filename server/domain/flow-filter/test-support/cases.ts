// Test-only: a table of URL queries with the expected result for each flow, written as plain code
// over the raw JSON so the expectation does not depend on the matcher under test.

import type { Flow } from '../../flow';
import {
  ANY_CLUSTER,
  either,
  ep,
  ipv4InNet,
  isL7,
  label,
  nodeMatches,
  pathOf,
  podIs,
  port,
  SIDES,
  verdict,
} from './expect-helpers';

export interface QueryCase {
  readonly query: string;
  readonly expect: (f: Flow) => boolean;
  /** The case is only meaningful if it selects something (and not everything). */
  readonly selective?: boolean;
}

export const QUERY_CASES: readonly QueryCase[] = [
  { query: '', expect: () => true },
  {
    query: 'namespace=bookinfo',
    expect: (f) => either(f, (e) => e?.namespace === 'bookinfo'),
    selective: true,
  },
  {
    query: 'from-namespace=kube-system',
    expect: (f) => f.source?.namespace === 'kube-system',
    selective: true,
  },
  {
    query: 'to-namespace=istio-system&verdict=FORWARDED',
    expect: (f) => f.destination?.namespace === 'istio-system' && verdict(f) === 'FORWARDED',
    selective: true,
  },
  {
    query: 'not-namespace=kube-system',
    expect: (f) => !either(f, (e) => e?.namespace === 'kube-system'),
    selective: true,
  },
  {
    query: 'pod=bookinfo/reviews',
    expect: (f) => either(f, (e) => podIs(e, 'bookinfo', 'reviews')),
    selective: true,
  },
  { query: 'pod=bookinfo/v1', expect: () => false },
  { query: 'label=host', expect: (f) => either(f, (e) => label(e, null, 'host')[0]), selective: true },
  {
    query: 'drop-reason=DROP_REASON_UNKNOWN',
    expect: (f) => verdict(f) === 'DROPPED' && f.drop_reason_desc === undefined,
    selective: true,
  },
  { query: 'from-pod=xwing', expect: (f) => podIs(f.source, 'default', 'xwing'), selective: true },
  { query: 'to-pod=bookinfo/', expect: (f) => f.destination?.namespace === 'bookinfo', selective: true },
  {
    query: 'label=k8s:app=reviews',
    expect: (f) => either(f, (e) => label(e, 'k8s', 'app')[0] && label(e, 'k8s', 'app')[1] === 'reviews'),
    selective: true,
  },
  {
    query: `from-label=${encodeURIComponent('app in (prometheus, reviews)')}`,
    expect: (f) =>
      ['prometheus', 'reviews'].includes(label(f.source, null, 'app')[1]) && label(f.source, null, 'app')[0],
    selective: true,
  },
  {
    query: 'to-label=reserved:host',
    expect: (f) => label(f.destination, 'reserved', 'host')[0],
    selective: true,
  },
  { query: 'from-label=!k8s:app', expect: (f) => !label(f.source, 'k8s', 'app')[0], selective: true },
  {
    query: `from-label=${encodeURIComponent('k8s:replicas>2,k8s:app')}`,
    expect: (f) => label(f.source, 'k8s', 'app')[0] && Number(label(f.source, 'k8s', 'replicas')[1]) > 2,
    selective: true,
  },
  {
    query: `label=${encodeURIComponent('app notin (web,db)')}`,
    expect: (f) =>
      either(f, (e) => !label(e, null, 'app')[0] || !['web', 'db'].includes(label(e, null, 'app')[1])),
    selective: true,
  },
  {
    query: 'ip=10.0.2.16',
    expect: (f) => f.IP?.source === '10.0.2.16' || f.IP?.destination === '10.0.2.16',
    selective: true,
  },
  {
    query: 'from-ip=10.244.0.0/16',
    expect: (f) => ipv4InNet(f.IP?.source, '10.244.0.0', 16),
    selective: true,
  },
  { query: 'from-ip=10.9.9.0/24', expect: (f) => f.IP?.source === '::ffff:10.9.9.9', selective: true },
  { query: 'ip=10.9.9.9', expect: () => false },
  {
    query: 'to-ip=fd00::/64',
    expect: (f) => (f.IP?.destination ?? '').startsWith('fd00::'),
    selective: true,
  },
  {
    query: 'port=53',
    expect: (f) => port(f, 'source_port') === 53 || port(f, 'destination_port') === 53,
    selective: true,
  },
  {
    query: 'to-port=5432&verdict=DROPPED',
    expect: (f) => port(f, 'destination_port') === 5432 && verdict(f) === 'DROPPED',
    selective: true,
  },
  { query: 'from-port=0', expect: (f) => port(f, 'source_port') === 0, selective: true },
  { query: 'protocol=udp', expect: (f) => f.l4?.UDP !== undefined, selective: true },
  {
    query: 'protocol=icmp',
    expect: (f) => f.l4?.ICMPv4 !== undefined || f.l4?.ICMPv6 !== undefined,
    selective: true,
  },
  {
    query: 'protocol=DNS,http',
    expect: (f) => f.l7?.dns !== undefined || f.l7?.http !== undefined,
    selective: true,
  },
  { query: 'protocol=sctp&protocol=kafka', expect: (f) => !!f.l4?.SCTP || !!f.l7?.kafka, selective: true },
  {
    query: 'verdict=DROPPED,redirected',
    expect: (f) => ['DROPPED', 'REDIRECTED'].includes(verdict(f)),
    selective: true,
  },
  { query: 'not-verdict=FORWARDED', expect: (f) => verdict(f) !== 'FORWARDED', selective: true },
  {
    query: 'drop-reason=POLICY_DENIED',
    expect: (f) => verdict(f) === 'DROPPED' && f.drop_reason_desc === 'POLICY_DENIED',
    selective: true,
  },
  { query: 'type=trace', expect: (f) => f.event_type?.type === 4, selective: true },
  {
    query: 'type=trace:to-stack',
    expect: (f) => f.event_type?.type === 4 && f.event_type.sub_type === 3,
    selective: true,
  },
  {
    query: 'type=trace:to-endpoint',
    expect: (f) => f.event_type?.type === 4 && (f.event_type.sub_type ?? 0) === 0,
    selective: true,
  },
  { query: 'type=l7,policy-verdict', expect: (f) => isL7(f) || f.event_type?.type === 5, selective: true },
  {
    query: 'type=drop:POLICY_DENIED',
    expect: (f) => f.event_type?.type === 1 && f.event_type.sub_type === 133,
    selective: true,
  },
  {
    query: 'http-status=5%2B',
    expect: (f) => (f.l7?.http?.code ?? 0) >= 500 && (f.l7?.http?.code ?? 0) < 600,
    selective: true,
  },
  { query: 'http-status=200', expect: (f) => f.l7?.http?.code === 200, selective: true },
  {
    query: 'http-status=4%2B&http-status=503',
    expect: (f) => [404, 503].includes(f.l7?.http?.code ?? 0),
    selective: true,
  },
  {
    query: 'http-method=get',
    expect: (f) => (f.l7?.http?.method ?? '').toUpperCase() === 'GET',
    selective: true,
  },
  {
    query: 'http-method=POST',
    expect: (f) => (f.l7?.http?.method ?? '').toUpperCase() === 'POST',
    selective: true,
  },
  {
    query: `http-path=${encodeURIComponent('^/api/v[0-9]+/')}`,
    expect: (f) => /^\/api\/v[0-9]+\//.test(pathOf(f)),
    selective: true,
  },
  {
    query: `http-path=${encodeURIComponent('~user')}`,
    expect: (f) => pathOf(f).includes('~user'),
    selective: true,
  },
  {
    query: 'http-url=metrics%24',
    expect: (f) => (f.l7?.http?.url ?? '').endsWith('metrics'),
    selective: true,
  },
  {
    query: `dns-query=${encodeURIComponent('\\.svc\\.cluster\\.local\\.$')}`,
    expect: (f) => f.l7?.dns !== undefined && /\.svc\.cluster\.local\.$/.test(f.l7.dns.query ?? ''),
    selective: true,
  },
  {
    query: 'node-name=kind-control-plane',
    expect: (f) => nodeMatches(f.node_name, ANY_CLUSTER, /^kind-control-plane$/),
    selective: true,
  },
  {
    query: 'node-name=gke-*',
    expect: (f) => nodeMatches(f.node_name, ANY_CLUSTER, /^gke-[-.0-9a-z]*$/),
    selective: true,
  },
  {
    query: 'node-name=prod-eu/*',
    expect: (f) => nodeMatches(f.node_name, /^prod-eu$/, /^[-.0-9a-z]*$/),
    selective: true,
  },
  {
    query: 'node-name=*/worker-1',
    expect: (f) => nodeMatches(f.node_name, /^[-.0-9a-z]*$/, /^worker-1$/),
    selective: true,
  },
  {
    query: 'identity=world',
    expect: (f) => either(f, (e) => e !== undefined && e.identity === 2),
    selective: true,
  },
  { query: 'from-identity=4242', expect: (f) => f.source?.identity === 4242, selective: true },
  { query: 'to-identity=reserved:health', expect: (f) => f.destination?.identity === 4, selective: true },
  {
    query: 'workload=Deployment/web',
    expect: (f) =>
      either(f, (e) => (e?.workloads ?? []).some((w) => w.kind === 'Deployment' && w.name === 'web')),
    selective: true,
  },
  {
    query: 'from-workload=producer',
    expect: (f) => (f.source?.workloads ?? []).some((w) => w.name === 'producer'),
    selective: true,
  },
  {
    query: 'workload=StatefulSet/',
    expect: (f) => either(f, (e) => (e?.workloads ?? []).some((w) => w.kind === 'StatefulSet')),
    selective: true,
  },
  {
    query: 'service=shop/web',
    expect: (f) =>
      (f.source_service?.namespace === 'shop' && (f.source_service.name ?? '').startsWith('web')) ||
      (f.destination_service?.namespace === 'shop' && (f.destination_service.name ?? '').startsWith('web')),
    selective: true,
  },
  {
    query: 'to-service=shop/ext',
    expect: (f) =>
      f.destination_service?.namespace === 'shop' && (f.destination_service.name ?? '').startsWith('ext'),
    selective: true,
  },
  {
    query: 'fqdn=*.example.com',
    expect: (f) =>
      [...(f.source_names ?? []), ...(f.destination_names ?? [])].some((n) => n.endsWith('.example.com')),
    selective: true,
  },
  {
    query: 'from-fqdn=NODE.internal.',
    expect: (f) => (f.source_names ?? []).includes('node.internal'),
    selective: true,
  },
  { query: 'traffic-direction=ingress', expect: (f) => f.traffic_direction === 'INGRESS', selective: true },
  {
    query: 'reply=false',
    expect: (f) => f.is_reply === false || (f.is_reply === undefined && verdict(f) === 'DROPPED'),
    selective: true,
  },
  { query: 'reply=true', expect: (f) => f.is_reply === true, selective: true },
  { query: 'not-reply=true', expect: (f) => f.is_reply !== true, selective: true },
  {
    query: 'uuid=a1b2c3d4-0000-4000-8000-000000000002',
    expect: (f) => f.uuid === 'a1b2c3d4-0000-4000-8000-000000000002',
    selective: true,
  },
  { query: 'ip-version=v6', expect: (f) => f.IP?.ipVersion === 'IPv6', selective: true },
  {
    query: 'since=2024-05-01T10:00:00.000000002Z&until=2024-05-01T10:00:03Z',
    expect: (f) =>
      [
        '2024-05-01T10:00:00.000000002Z',
        '2024-05-01T10:00:01.5Z',
        '2024-05-01T10:00:02Z',
        '2024-05-01T10:00:03Z',
      ].includes(f.time ?? ''),
    selective: true,
  },
  {
    query: 'namespace=shop&not-verdict=DROPPED&protocol=tcp',
    expect: (f) => either(f, (e) => e?.namespace === 'shop') && verdict(f) !== 'DROPPED' && !!f.l4?.TCP,
    selective: true,
  },
  {
    query: 'pod=bookinfo/&port=9080',
    expect: (f) =>
      either(f, (e) => e?.namespace === 'bookinfo') &&
      (port(f, 'source_port') === 9080 || port(f, 'destination_port') === 9080),
    selective: true,
  },
  {
    query: 'not-label=reserved:host&not-namespace=kube-system',
    expect: (f) =>
      !either(f, (e) => label(e, 'reserved', 'host')[0]) && !either(f, (e) => e?.namespace === 'kube-system'),
    selective: true,
  },
  { query: 'http-status=5%2B&type=trace', expect: () => false },
  {
    query: 'type=l7&http-method=GET&not-http-status=200',
    expect: (f) =>
      isL7(f) && (f.l7?.http?.method ?? '').toUpperCase() === 'GET' && !(f.l7?.http?.code === 200),
    selective: true,
  },
  {
    query: 'from-namespace=shop&from-pod=shop/web',
    expect: (f) => podIs(f.source, 'shop', 'web'),
    selective: true,
  },
  ...SIDES.map((side) => ({
    query: `${side === 'source' ? 'from' : 'to'}-label=k8s:app&not-${side === 'source' ? 'from' : 'to'}-namespace=shop`,
    expect: (f: Flow) => label(ep(f, side), 'k8s', 'app')[0] && ep(f, side)?.namespace !== 'shop',
    selective: true,
  })),
];
