import { describe, expect, it } from 'vitest';
import type { Flow } from '../../domain/flow';
import { decodeGetFlowsResponse } from './decode-flow-response';
import { encodeGetFlowsResponse } from './encode-flow-response';

function decode(flow: Flow): Flow {
  const event = decodeGetFlowsResponse(encodeGetFlowsResponse({ kind: 'flow', flow }));
  if (event.kind !== 'flow') throw new Error('not a flow');
  return event.flow;
}

describe('decoded flow shape', () => {
  it('gives flows with different fields the same keys in the same order (one hidden class)', () => {
    const dropped = decode({
      time: '2026-11-25T10:00:00.5Z',
      verdict: 'DROPPED',
      drop_reason_desc: 'POLICY_DENIED',
      source: { namespace: 'a', pod_name: 'p' },
      egress_denied_by: [{ name: 'deny', namespace: 'a' }],
    });
    const http = decode({ uuid: 'u', l7: { type: 'RESPONSE', http: { code: 200 } }, is_reply: true });
    expect(Reflect.ownKeys(dropped)).toEqual(Reflect.ownKeys(http));
    expect(dropped.verdict).toBe('DROPPED');
    expect(http.l7?.http?.code).toBe(200);
  });

  it('leaves absent fields out of JSON', () => {
    const json = JSON.parse(JSON.stringify(decode({ verdict: 'FORWARDED', node_name: 'n1' })));
    expect(Object.keys(json).sort()).toEqual(['node_name', 'verdict']);
  });
});
