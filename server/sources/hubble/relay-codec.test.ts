import { describe, expect, it } from 'vitest';
import { GetFlowsRequest } from '../../../proto/gen/observer/observer';
import {
  decodeGetFlowsRequest,
  decodeGetNamespacesResponse,
  decodeGetNodesResponse,
  decodeServerStatus,
  encodeGetFlowsRequest,
  encodeGetNamespacesResponse,
  encodeGetNodesResponse,
  encodeServerStatus,
  RelayCodecError,
} from './relay-codec';
import type { RelayNode, ServerStatus } from './relay-types';

describe('GetFlowsRequest codec', () => {
  it('round-trips every domain field', () => {
    const req = {
      number: 2000,
      first: false,
      follow: true,
      since: '2026-01-02T03:04:05.123456789Z',
      until: '2026-01-02T03:04:06Z',
      whitelist: [{ source_pod: ['shop/'], verdict: ['DROPPED'] }],
      blacklist: [{ source_label: ['reserved:host'] }],
      fieldMask: ['time', 'source.pod_name', 'l4'],
    };
    expect(decodeGetFlowsRequest(encodeGetFlowsRequest(req))).toEqual(req);
  });

  it('writes what the generated decoder reads (field numbers, camelCase fields)', () => {
    const bytes = encodeGetFlowsRequest({ number: 5, follow: true, since: '2026-01-01T00:00:00.5Z' });
    const msg = GetFlowsRequest.decode(bytes);
    expect(msg.number).toBe('5');
    expect(msg.follow).toBe(true);
    expect(msg.since).toEqual({
      seconds: String(Date.parse('2026-01-01T00:00:00Z') / 1000),
      nanos: 500_000_000,
    });
    expect(msg.fieldMask).toBeUndefined();
  });

  it('defaults to an empty, non-following request and rejects bad input', () => {
    expect(decodeGetFlowsRequest(encodeGetFlowsRequest({}))).toEqual({
      number: 0,
      first: false,
      follow: false,
      whitelist: [],
      blacklist: [],
    });
    expect(() => encodeGetFlowsRequest({ since: 'yesterday' })).toThrow(RelayCodecError);
    expect(() => encodeGetFlowsRequest({ number: -1 })).toThrow(/number/);
    expect(() => decodeGetFlowsRequest(new Uint8Array([0x0a, 0x05, 0x01]))).toThrow();
  });
});

describe('unary response codecs', () => {
  it('round-trip ServerStatus including unset wrappers', () => {
    const s: ServerStatus = {
      numFlows: 2771,
      maxFlows: 8190,
      seenFlows: 2771,
      uptimeNs: 301_515_181_665,
      numConnectedNodes: 2,
      numUnavailableNodes: 0,
      unavailableNodes: [],
      version: 'hubble-relay v1.19.4',
      flowsRate: 23.456,
    };
    expect(decodeServerStatus(encodeServerStatus(s))).toEqual(s);
    const agent = decodeServerStatus(
      encodeServerStatus({ ...s, numConnectedNodes: undefined, numUnavailableNodes: undefined }),
    );
    expect(agent.numConnectedNodes).toBeUndefined();
    expect(agent.numUnavailableNodes).toBeUndefined();
  });

  it('round-trip nodes and namespaces', () => {
    const nodes: RelayNode[] = [
      {
        name: 'kind-worker',
        version: 'v1.19.4',
        address: '172.18.0.2:4244',
        state: 'NODE_CONNECTED',
        uptimeNs: 1e12,
        numFlows: 4095,
        maxFlows: 4095,
        seenFlows: 123456,
        tls: { enabled: true, serverName: 'kind-worker.default.hubble-grpc.cilium.io' },
      },
      {
        name: 'gone',
        version: '',
        address: '',
        state: 'NODE_UNAVAILABLE',
        uptimeNs: 0,
        numFlows: 0,
        maxFlows: 0,
        seenFlows: 0,
      },
    ];
    expect(decodeGetNodesResponse(encodeGetNodesResponse(nodes))).toEqual(nodes);
    const ns = [{ cluster: 'default', namespace: 'shop' }];
    expect(decodeGetNamespacesResponse(encodeGetNamespacesResponse(ns))).toEqual(ns);
  });
});
