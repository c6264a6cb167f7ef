// Hostile data for e2e/hostile.spec.ts: flows and Kubernetes objects whose names, labels, URLs,
// headers, DNS names and messages carry HTML, script and SVG payloads, 64 KB strings, control
// characters and bidi overrides. Every payload, if it ever ran, would set window.__pwned and open a
// dialog; rendered as text, its marker (`xss-…`) is what a person sees.
import type { KubeObject } from '../server/demo/kube-api';
import type { Flow, FlowEvent } from '../server/domain/flow';

export const PAYLOAD = {
  script: `<script>window.__pwned='script';alert('xss-script')</script>`,
  img: `<img src=x onerror="window.__pwned='img';alert('xss-img')">`,
  svg: `<svg onload="window.__pwned='svg';alert('xss-svg')"><circle r="9"/></svg>`,
  iframe: `<iframe src="javascript:window.__pwned='iframe';alert('xss-iframe')"></iframe>`,
  link: `javascript:window.__pwned='href';alert('xss-href')`,
  bidi: '\u202Exss-bidi\u202C\u2066\u2067',
  control: '\u0000\u0007\u001b[31mxss-ctrl\u0008\u007f',
} as const;

export const BIG = 65_536;
/** Secrets that must be redacted before anything reaches a browser. */
export const SECRETS = ['SECRET-TOKEN-123', 'SECRET-BEARER-456', 'SECRET-COOKIE-789'];
export const HOSTILE_NODE = `node-${PAYLOAD.img}`;
export const RELAY_NODES = [HOSTILE_NODE, `relay-${PAYLOAD.bidi}`];
/** Placeholder in a pod name that the spec swaps for invalid UTF-8 bytes on the wire. */
export const INVALID_UTF8_MARK = 'utf8-QQQQ';

let counter = 0;

function base(node: string, overrides: Partial<Flow>): Flow {
  counter += 1;
  const time = new Date().toISOString();
  return {
    time,
    uuid: `hostile-${process.pid}-${counter}`,
    verdict: 'FORWARDED',
    IP: { source: '10.0.1.5', destination: '10.0.2.7', ipVersion: 'IPv4' },
    l4: { TCP: { source_port: 40_000 + (counter % 20_000), destination_port: 8080 } },
    Type: 'L3_L4',
    node_name: node,
    event_type: { type: 4 },
    traffic_direction: 'EGRESS',
    is_reply: false,
    Summary: 'TCP Flags: SYN',
    ...overrides,
  };
}

function endpoint(namespace: string, pod: string, labels: string[] = [], workload?: string) {
  return {
    ID: 100 + (counter % 50),
    identity: 20_000 + (counter % 50),
    namespace,
    pod_name: pod,
    labels: [`k8s:io.kubernetes.pod.namespace=${namespace}`, ...labels],
    ...(workload ? { workloads: [{ name: workload, kind: 'Deployment' }] } : {}),
  };
}

/** One round of hostile flows (fresh uuids and times), as Relay would send them. */
export function hostileFlows(): FlowEvent[] {
  const node = HOSTILE_NODE;
  const url = `http://api.shop/${PAYLOAD.script}?q=${encodeURIComponent('x')}&token=${SECRETS[0]}&name=${PAYLOAD.img}`;
  const flows: Flow[] = [
    base(node, {
      Type: 'L7',
      source: endpoint('shop', `web-${PAYLOAD.img}`, [`k8s:app=${PAYLOAD.svg}`], `web-${PAYLOAD.svg}`),
      destination: endpoint('shop', `api-${PAYLOAD.script}`, ['k8s:app=api'], 'api'),
      l7: {
        type: 'REQUEST',
        http: {
          method: 'GET',
          url,
          protocol: 'HTTP/1.1',
          headers: [
            { key: 'Authorization', value: `Bearer ${SECRETS[1]}` },
            { key: 'Cookie', value: `session=${SECRETS[2]}` },
            { key: 'X-Evil', value: PAYLOAD.svg },
            { key: PAYLOAD.script, value: PAYLOAD.iframe },
          ],
        },
      },
      Summary: `HTTP/1.1 GET ${url}\nAuthorization: Bearer ${SECRETS[1]}`,
    }),
    base(node, {
      Type: 'L7',
      l4: { UDP: { source_port: 53_000, destination_port: 53 } },
      source: endpoint('shop', `dns-${PAYLOAD.svg}`, ['k8s:app=web']),
      destination: endpoint('kube-system', 'coredns-7db6d8ff4d-abcde', ['k8s:k8s-app=kube-dns']),
      destination_names: [`fqdn-${PAYLOAD.iframe}.example.com`],
      l7: {
        type: 'REQUEST',
        dns: { query: `${PAYLOAD.img}.evil.example.`, qtypes: ['A'], observation_source: 'proxy' },
      },
      Summary: `DNS Query ${PAYLOAD.img}.evil.example. A`,
    }),
    base(node, {
      IP: { source: '10.0.1.6', destination: '203.0.113.9', ipVersion: 'IPv4' },
      source: endpoint('shop', `egress-${PAYLOAD.bidi}${PAYLOAD.control}`, [`k8s:app=${PAYLOAD.control}`]),
      destination: { identity: 2, labels: ['reserved:world'] },
      destination_names: [`${PAYLOAD.script}.example.net`],
    }),
    base(node, {
      verdict: 'DROPPED',
      drop_reason: 133,
      drop_reason_desc: 'POLICY_DENIED',
      source: endpoint('shop', `drop-${PAYLOAD.script}`, [`k8s:app=${PAYLOAD.img}`], `drop-${PAYLOAD.img}`),
      destination: endpoint('payments', `db-${PAYLOAD.svg}`, ['k8s:app=db']),
      l4: { TCP: { source_port: 41_000, destination_port: 5432, flags: { SYN: true } } },
      traffic_direction: 'INGRESS',
      Summary: `TCP Flags: SYN ${PAYLOAD.iframe}`,
    }),
    base(RELAY_NODES[1]!, {
      source: endpoint('shop', `big-${'A'.repeat(BIG)}`, [`k8s:huge=${'B'.repeat(BIG)}`]),
      destination: endpoint('shop', `api-${PAYLOAD.script}`),
      Type: 'L7',
      l7: {
        type: 'REQUEST',
        http: { method: 'POST', url: `http://api.shop/${'C'.repeat(BIG)}`, protocol: 'HTTP/1.1' },
      },
      Summary: `HTTP/1.1 POST http://api.shop/${'C'.repeat(BIG)}`,
    }),
    base(node, {
      source: endpoint('shop', INVALID_UTF8_MARK, ['k8s:app=web']),
      destination: endpoint('shop', `api-${PAYLOAD.script}`),
    }),
  ];
  return flows.map((flow) => ({ kind: 'flow', flow, nodeName: flow.node_name, time: flow.time }));
}

function condition(type: string, status: string, reason: string, message: string) {
  return {
    type,
    status,
    reason,
    message,
    lastTransitionTime: new Date(Date.now() - 3_600_000).toISOString(),
  };
}

/** Kubernetes objects with hostile names and messages. */
export function hostileObjects(): KubeObject[] {
  const now = Date.now();
  const node = (name: string, ready: boolean, message: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'node-role.kubernetes.io/worker': '', 'kubernetes.io/hostname': 'h' } },
    spec: {},
    status: {
      conditions: [
        condition('Ready', ready ? 'True' : 'False', ready ? 'KubeletReady' : 'KubeletNotReady', message),
      ],
      nodeInfo: {
        kubeletVersion: 'v1.31.2',
        osImage: `Talos (${PAYLOAD.svg})`,
        kernelVersion: '6.6.58',
        containerRuntimeVersion: 'containerd://2.0.0',
        architecture: 'amd64',
      },
      addresses: [{ type: 'InternalIP', address: '10.0.0.11' }],
    },
  });
  return [
    node(HOSTILE_NODE, false, `kubelet stopped posting: ${PAYLOAD.script} ${PAYLOAD.bidi}`),
    node(`worker-${PAYLOAD.bidi}${PAYLOAD.control}`, true, 'kubelet is posting ready status'),
    node(`long-${'N'.repeat(BIG)}`, true, 'kubelet is posting ready status'),
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `web-${PAYLOAD.img}`, namespace: 'shop', labels: { app: PAYLOAD.svg } },
      spec: { nodeName: HOSTILE_NODE, containers: [{ name: 'web', image: 'nginx' }] },
      status: { phase: 'Running', podIP: '10.0.1.5' },
    },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: `cert-${PAYLOAD.img}`, namespace: 'shop' },
      spec: {
        secretName: `tls-${PAYLOAD.script}`,
        dnsNames: [`${PAYLOAD.svg}.shop.example.com`, `${'d'.repeat(BIG)}.example.com`],
        issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: `issuer-${PAYLOAD.iframe}` },
      },
      status: {
        conditions: [
          condition(
            'Ready',
            'False',
            'Failed',
            `The certificate request has failed: ${PAYLOAD.script} ${PAYLOAD.img} ${PAYLOAD.control}`,
          ),
        ],
        notAfter: new Date(now + 2 * 86_400_000).toISOString(),
        notBefore: new Date(now - 88 * 86_400_000).toISOString(),
      },
    },
    {
      apiVersion: 'ceph.rook.io/v1',
      kind: 'CephCluster',
      metadata: { name: 'rook-ceph', namespace: 'rook-ceph' },
      spec: { cephVersion: { image: 'quay.io/ceph/ceph:v19.2.3' } },
      status: {
        phase: 'Ready',
        state: 'Created',
        ceph: {
          health: 'HEALTH_WARN',
          lastChecked: new Date(now - 30_000).toISOString(),
          details: {
            OSD_DOWN: { severity: 'HEALTH_WARN', message: `1 osds down ${PAYLOAD.script}` },
            [`EVIL_${PAYLOAD.svg}`]: { severity: 'HEALTH_ERR', message: `${PAYLOAD.img} ${PAYLOAD.bidi}` },
            BIG: { severity: 'HEALTH_WARN', message: 'M'.repeat(BIG) },
          },
          capacity: { bytesAvailable: 1e12, bytesTotal: 3e12, bytesUsed: 2e12 },
        },
      },
    },
  ];
}
