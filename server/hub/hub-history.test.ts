import { describe, expect, it } from 'vitest';
import type { FlowEvent } from '../domain/flow';
import { encodeGetFlowsResponse } from '../sources/hubble/encode-flow-response';
import { Hub } from './hub';

const event = (i: number, url?: string): FlowEvent => ({
  kind: 'flow',
  flow: {
    time: new Date(1_700_000_000_000 + i).toISOString(),
    uuid: `u${i}`,
    verdict: 'FORWARDED',
    ...(url ? { Type: 'L7', l7: { type: 'REQUEST', http: { method: 'GET', url } } } : {}),
  },
});

describe('Hub flow history from wire bytes', () => {
  it('keeps flows as the bytes they arrived in and reads them back equal', () => {
    const hub = new Hub({ flowHistory: 10, now: () => 1_700_000_001_000 });
    const events = [event(1), event(2), event(3)];
    hub.ingest(
      events,
      events.map((e) => Buffer.from(encodeGetFlowsResponse(e))),
    );
    expect(hub.flows.newest(10).map((s) => s.flow)).toStrictEqual(
      [...events].reverse().map((e) => (e.kind === 'flow' ? e.flow : {})),
    );
  });

  it('stores the redacted flow, never the original bytes, when redaction changed it', () => {
    const hub = new Hub({ flowHistory: 10, now: () => 1_700_000_001_000 });
    const secret = event(1, 'http://shop/cart?token=hunter2');
    hub.ingest([secret], [Buffer.from(encodeGetFlowsResponse(secret))]);
    const stored = hub.flows.newest(1)[0]?.flow;
    expect(stored?.l7?.http?.url).toBeDefined();
    expect(stored?.l7?.http?.url).not.toContain('hunter2');
  });
});
