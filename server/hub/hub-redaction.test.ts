import { describe, expect, it } from 'vitest';
import type { FlowEvent } from '../domain/flow';
import { parseRedactRules, REDACTED } from '../domain/redact';
import { Hub } from './hub';

const secretFlow: FlowEvent = {
  kind: 'flow',
  flow: {
    uuid: 's1',
    time: '2025-01-01T00:00:00Z',
    verdict: 'FORWARDED',
    Type: 'L7',
    source: { namespace: 'shop', pod_name: 'web-1' },
    destination: { namespace: 'shop', pod_name: 'api-1' },
    l7: {
      type: 'REQUEST',
      http: {
        method: 'GET',
        url: 'http://api/login?token=T0K3N&page=1',
        headers: [
          { key: 'Authorization', value: 'Bearer S3CR3T' },
          { key: 'X-Tenant-Key', value: 'T3NANT' },
        ],
      },
    },
    Summary: 'HTTP/1.1 GET http://api/login?token=T0K3N&page=1',
  },
};

describe('Hub.ingest redaction', () => {
  it('stores flows with secrets replaced, so neither the tail nor the buffer holds them', () => {
    const parsed = parseRedactRules({ headers: 'x-tenant-key' });
    if (!parsed.ok) throw new Error(parsed.error);
    const hub = new Hub({
      flowHistory: 10,
      now: () => Date.parse('2025-01-01T00:00:01Z'),
      redact: parsed.rules,
    });
    hub.ingest([secretFlow]);
    hub.tick();
    const stored = JSON.stringify(hub.flows.newest(10));
    for (const secret of ['T0K3N', 'S3CR3T', 'T3NANT']) expect(stored).not.toContain(secret);
    expect(stored).toContain(`token=${REDACTED}&page=1`);
    const messages: string[] = [];
    hub.flowTail.subscribe({ ready: () => true, send: (m) => messages.push(m.data) > 0 });
    expect(messages.join('')).not.toMatch(/T0K3N|S3CR3T|T3NANT/);
    expect(messages.join('')).toContain('page=1');
  });

  it('applies the default rules when none are configured', () => {
    const hub = new Hub({ flowHistory: 10, now: () => 0 });
    hub.ingest([secretFlow]);
    const stored = JSON.stringify(hub.flows.newest(10));
    expect(stored).not.toMatch(/T0K3N|S3CR3T/);
    expect(stored).toContain('T3NANT');
  });
});
