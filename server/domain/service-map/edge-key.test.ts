import { describe, expect, it } from 'vitest';
import type { Flow } from '../flow';
import { aggregate } from './aggregate';
import { countsAsReply, isReplyFlow, orientFlow, PROTO_TCP, PROTO_UDP } from './edge-key';
import { toMapView } from './map-view';
import { createServiceMapState } from './state';
import { podEndpoint, tcpFlow } from './test-support/flow-builders';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
const client = podEndpoint('shop', 'frontend-6d4b-x1');
const server = podEndpoint('shop', 'cart-7f9c-y2');

describe('reply detection', () => {
  it('prefers is_reply and falls back to the deprecated reply only when is_reply is absent', () => {
    expect(isReplyFlow({ is_reply: true })).toBe(true);
    expect(isReplyFlow({ is_reply: false, reply: true })).toBe(false);
    expect(isReplyFlow({ reply: true })).toBe(true);
    expect(isReplyFlow({})).toBe(false);
  });
});

describe('direction unknown (no is_reply, no reply)', () => {
  const unknown = (sport: number, dport: number): Flow =>
    tcpFlow(server, client, { sport, dport, reply: undefined });

  it('counts service port → ephemeral port as a reply, everything else as a request', () => {
    expect(countsAsReply(unknown(8080, 41000), PROTO_TCP)).toBe(true);
    expect(countsAsReply(unknown(32767, 32768), PROTO_TCP)).toBe(true);
    expect(countsAsReply(unknown(41000, 8080), PROTO_TCP)).toBe(false);
    expect(countsAsReply(unknown(50051, 41000), PROTO_TCP)).toBe(false);
    expect(countsAsReply(unknown(8080, 9090), PROTO_TCP)).toBe(false);
    expect(countsAsReply(unknown(0, 41000), PROTO_TCP)).toBe(false);
    expect(countsAsReply({ l4: { UDP: { source_port: 53, destination_port: 50000 } } }, PROTO_UDP)).toBe(
      true,
    );
    expect(countsAsReply({ l4: { ICMPv4: { type: 0 } } }, 4)).toBe(false);
  });

  it('never overrides what Hubble says', () => {
    expect(countsAsReply({ ...unknown(8080, 41000), is_reply: false }, PROTO_TCP)).toBe(false);
    expect(countsAsReply({ ...unknown(41000, 8080), is_reply: true }, PROTO_TCP)).toBe(true);
    expect(countsAsReply({ ...unknown(41000, 8080), reply: true }, PROTO_TCP)).toBe(true);
  });

  it('folds unknown-direction replies into the request edge instead of one edge per client port', () => {
    const flows = [41000, 41001, 41002].flatMap((p) => [
      tcpFlow(client, server, { sport: p, dport: 8080, reply: false }),
      tcpFlow(server, client, { sport: 8080, dport: p, reply: undefined }),
    ]);
    const state = createServiceMapState();
    aggregate(state, flows, NOW);
    const view = toMapView(state, { window: 'all' }, NOW);
    expect(view.edges.map((e) => [e.source, e.target, e.port, e.flows])).toEqual([
      ['shop/frontend', 'shop/cart', 8080, 6],
    ]);
  });

  it('answers a known request edge on an ephemeral-range service port (gRPC 50051)', () => {
    const state = createServiceMapState();
    aggregate(state, [tcpFlow(client, server, { sport: 41000, dport: 50051, reply: false })], NOW);
    aggregate(state, [tcpFlow(server, client, { sport: 50051, dport: 41000, reply: undefined })], NOW);
    // No request seen for this one: it stays what it says it is.
    aggregate(state, [tcpFlow(server, client, { sport: 50052, dport: 41000, reply: undefined })], NOW);
    const view = toMapView(state, { window: 'all' }, NOW);
    expect(view.edges.map((e) => [e.source, e.target, e.port, e.flows])).toEqual([
      ['shop/cart', 'shop/frontend', 41000, 1],
      ['shop/frontend', 'shop/cart', 50051, 2],
    ]);
  });
});

describe('orientFlow', () => {
  it('orients a request as written, with the destination port', () => {
    expect(orientFlow(tcpFlow(client, server, { sport: 41000, dport: 8080, reply: false }))).toEqual({
      clientSide: 'source',
      serverSide: 'destination',
      reply: false,
      protocol: 'TCP',
      port: 8080,
    });
  });

  it('swaps ends and ports for replies (is_reply and deprecated reply)', () => {
    const reply = tcpFlow(server, client, { sport: 8080, dport: 41000, reply: true });
    expect(orientFlow(reply)).toMatchObject({ clientSide: 'destination', serverSide: 'source', port: 8080 });
    const legacy: Flow = { ...tcpFlow(server, client, { sport: 8080, dport: 41000 }), reply: true };
    expect(orientFlow(legacy)).toMatchObject({ clientSide: 'destination', port: 8080 });
  });

  it('gives ICMP, unknown and other portless protocols a null port', () => {
    expect(orientFlow({ l4: { ICMPv4: { type: 8 } } })).toMatchObject({ protocol: 'ICMPv4', port: null });
    expect(orientFlow({ l4: { ICMPv6: {} }, is_reply: true })).toMatchObject({
      protocol: 'ICMPv6',
      port: null,
    });
    expect(orientFlow({})).toMatchObject({ protocol: 'unknown', port: null });
    expect(orientFlow({ l4: { UDP: { source_port: 5353 } } })).toMatchObject({ protocol: 'UDP', port: 0 });
    expect(orientFlow({ l4: { SCTP: { destination_port: 70000 } } })).toMatchObject({
      protocol: 'SCTP',
      port: 0,
    });
  });
});

describe('edges from requests and replies', () => {
  it('counts replies on the request edge and never creates a reverse edge', () => {
    const state = createServiceMapState();
    aggregate(
      state,
      [
        tcpFlow(client, server, { sport: 41000, dport: 8080, reply: false, time: NOW - 3000 }),
        tcpFlow(server, client, { sport: 8080, dport: 41000, reply: true, time: NOW - 2000 }),
        { ...tcpFlow(server, client, { sport: 8080, dport: 41000, time: NOW - 1000 }), reply: true },
      ],
      NOW,
    );
    const view = toMapView(state, { window: 'all' }, NOW);
    expect(view.edges.map((e) => [e.source, e.target, e.protocol, e.port, e.flows])).toEqual([
      ['shop/frontend', 'shop/cart', 'TCP', 8080, 3],
    ]);
  });

  it('creates the request edge from a reply seen before its request', () => {
    const state = createServiceMapState();
    aggregate(state, [tcpFlow(server, client, { sport: 8080, dport: 41000, reply: true, time: NOW })], NOW);
    aggregate(state, [tcpFlow(client, server, { sport: 41001, dport: 8080, reply: false, time: NOW })], NOW);
    const view = toMapView(state, { window: 'all' }, NOW);
    expect(view.edges).toHaveLength(1);
    expect(view.edges[0]).toMatchObject({
      source: 'shop/frontend',
      target: 'shop/cart',
      port: 8080,
      flows: 2,
    });
  });

  it('keeps one ICMP edge with a null port for echo request and reply', () => {
    const state = createServiceMapState();
    const host = { identity: 1, labels: ['reserved:host'] };
    const health = { identity: 4, labels: ['reserved:health'] };
    aggregate(
      state,
      [
        {
          time: new Date(NOW).toISOString(),
          l4: { ICMPv4: { type: 8 } },
          source: host,
          destination: health,
          is_reply: false,
        },
        {
          time: new Date(NOW).toISOString(),
          l4: { ICMPv4: {} },
          source: health,
          destination: host,
          is_reply: true,
        },
      ],
      NOW,
    );
    const view = toMapView(state, { window: 'all' }, NOW);
    expect(view.edges.map((e) => [e.source, e.target, e.protocol, e.port, e.flows])).toEqual([
      ['host', 'health', 'ICMPv4', null, 2],
    ]);
  });

  it('separates edges by protocol and server port', () => {
    const state = createServiceMapState();
    aggregate(
      state,
      [
        tcpFlow(client, server, { dport: 8080, time: NOW }),
        tcpFlow(client, server, { dport: 9090, time: NOW }),
        {
          ...tcpFlow(client, server, { time: NOW }),
          l4: { UDP: { source_port: 1, destination_port: 8080 } },
        },
      ],
      NOW,
    );
    expect(toMapView(state, { window: 'all' }, NOW).edges.map((e) => `${e.protocol}/${e.port}`)).toEqual([
      'TCP/8080',
      'TCP/9090',
      'UDP/8080',
    ]);
  });
});
