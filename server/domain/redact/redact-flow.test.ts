import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Flow, FlowEvent } from '../flow';
import { redactEvents, redactFlow } from './redact-flow';
import { parseRedactRules, REDACTED, DEFAULT_REDACT_RULES as RULES } from './rules';

const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/fixtures/flows',
);

function fixtureFlows(file: string): Flow[] {
  return readFileSync(path.join(FIXTURES, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { flow: Flow }).flow);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function httpFlow(http: NonNullable<NonNullable<Flow['l7']>['http']>, Summary?: string): Flow {
  return deepFreeze({ Type: 'L7', l7: { type: 'REQUEST', http }, Summary, uuid: 'u1' });
}

describe('redactFlow fast path', () => {
  it('returns the very same object for real L3/L4, DNS and ICMP flows', () => {
    const files = [
      'cilium-hubble-otel/basic-sample-400-tcp-flows.json',
      'cilium-hubble-otel/basic-sample-400-udp-flows.json',
      'cilium-hubble-otel/basic-sample-330-dns-flows.json',
      'cilium-hubble-otel/basic-sample-400-icmpv4-flows.json',
    ];
    let checked = 0;
    for (const file of files) {
      for (const flow of fixtureFlows(file)) {
        expect(redactFlow(flow, RULES)).toBe(flow);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('returns the same object for real HTTP flows without secrets', () => {
    const flows = fixtureFlows('cilium-hubble-otel/basic-sample-5-http-flows.json');
    expect(flows.length).toBe(5);
    for (const flow of flows) expect(redactFlow(flow, RULES)).toBe(flow);
  });

  it('returns the same batch array when nothing changed', () => {
    const events: FlowEvent[] = fixtureFlows('cilium-hubble-otel/basic-sample-10-flows.json').map((flow) => ({
      kind: 'flow',
      flow,
    }));
    events.push({ kind: 'lost', lost: { num_events_lost: '3' } });
    expect(redactEvents(events, RULES)).toBe(events);
  });
});

describe('redactFlow on HTTP flows', () => {
  it('redacts sensitive query values in the URL and keeps the rest', () => {
    const flow = httpFlow({
      method: 'GET',
      url: 'http://shop/cart?token=abc123&page=2&access_token=zz#frag',
    });
    const out = redactFlow(flow, RULES);
    expect(out.l7?.http?.url).toBe(`http://shop/cart?token=${REDACTED}&page=2&access_token=${REDACTED}#frag`);
    expect(out.l7?.http?.method).toBe('GET');
    expect(out.l7?.type).toBe('REQUEST');
    expect(flow.l7?.http?.url).toContain('abc123');
  });

  it('matches keys by last word part, camelCase and percent-encoding, but not lookalikes', () => {
    const url =
      'https://s3/b/o?X-Amz-Signature=s1&X-Amz-Credential=c1&apiKey=k1&client_secret=s2&access%5Ftoken=t1' +
      '&token_type=Bearer&keyword=shoes&monkey=1&code=oauth&password=&sig=x';
    const out = redactFlow(httpFlow({ url }), RULES).l7?.http?.url ?? '';
    for (const secret of ['s1', 'c1', 'k1', 's2', 't1', 'oauth', '=x']) expect(out).not.toContain(secret);
    expect(out).toContain('token_type=Bearer');
    expect(out).toContain('keyword=shoes');
    expect(out).toContain('monkey=1');
    expect(out).toContain('password=&');
  });

  it('redacts secrets in the fragment and the userinfo password', () => {
    const out = redactFlow(httpFlow({ url: 'https://admin:hunter2@idp/cb#access_token=t9&state=ok' }), RULES);
    expect(out.l7?.http?.url).toBe(`https://admin:${REDACTED}@idp/cb#access_token=${REDACTED}&state=ok`);
  });

  it('redacts whole values of sensitive headers, any case, and URL secrets in other headers', () => {
    const flow = httpFlow({
      url: 'http://api/v1/items',
      headers: [
        { key: 'Authorization', value: 'Bearer eyJhbGciOi.payload.sig' },
        { key: 'cookie', value: 'session=abc; theme=dark' },
        { key: 'Set-Cookie', value: 'sid=xyz; HttpOnly' },
        { key: 'PROXY-AUTHORIZATION', value: 'Basic dXNlcjpwYXNz' },
        { key: 'Referer', value: 'https://shop/login?password=pw1&next=/home' },
        { key: 'Location', value: 'https://app/callback?code=c0de&state=s' },
        { key: 'User-Agent', value: 'curl/8.5.0' },
        { key: 'X-Empty' },
      ],
    });
    const headers = redactFlow(flow, RULES).l7?.http?.headers ?? [];
    expect(headers.map((h) => h.value)).toEqual([
      REDACTED,
      REDACTED,
      REDACTED,
      REDACTED,
      `https://shop/login?password=${REDACTED}&next=/home`,
      `https://app/callback?code=${REDACTED}&state=s`,
      'curl/8.5.0',
      undefined,
    ]);
    expect(headers[6]).toBe(flow.l7?.http?.headers?.[6]);
  });

  it('is idempotent: redacting twice gives the same object back the second time', () => {
    const once = redactFlow(
      httpFlow(
        { url: 'http://x/?token=a', headers: [{ key: 'Cookie', value: 'a=b' }] },
        'HTTP/1.1 GET http://x/?token=a',
      ),
      RULES,
    );
    expect(redactFlow(once, RULES)).toBe(once);
  });
});

describe('redactFlow on Summary text', () => {
  it('redacts the request Summary format', () => {
    const out = redactFlow(httpFlow({ url: 'http://x/y' }, 'HTTP/1.1 GET http://x/y?token=abc'), RULES);
    expect(out.Summary).toBe(`HTTP/1.1 GET http://x/y?token=${REDACTED}`);
  });

  it('redacts the response Summary format and keeps its closing parenthesis', () => {
    const flow: Flow = deepFreeze({ Summary: 'HTTP/1.1 200 12ms (GET http://x/y?a=1&secret=s3cr3t)' });
    expect(redactFlow(flow, RULES).Summary).toBe(`HTTP/1.1 200 12ms (GET http://x/y?a=1&secret=${REDACTED})`);
  });

  it('redacts header lines and inline header mentions to the end of their line', () => {
    const summary = [
      'GET /x HTTP/1.1',
      'Host: api',
      'Authorization: Bearer abc.def',
      'cookie:session=1',
      'X-Trace: 1 Proxy-Authorization: Basic Zm9v',
      'Accept: */*',
    ].join('\r\n');
    const out = redactFlow(deepFreeze({ Summary: summary }), RULES).Summary;
    expect(out).toBe(
      [
        'GET /x HTTP/1.1',
        'Host: api',
        `Authorization: ${REDACTED}`,
        `cookie:${REDACTED}`,
        `X-Trace: 1 Proxy-Authorization: ${REDACTED}`,
        'Accept: */*',
      ].join('\r\n'),
    );
  });

  it('leaves L3/L4 and DNS summaries alone', () => {
    for (const Summary of ['TCP Flags: ACK, FIN', 'DNS Answer "10.0.0.1" TTL: 30 (Proxy a.b. A)', 'UDP']) {
      const flow: Flow = { Summary };
      expect(redactFlow(flow, RULES)).toBe(flow);
    }
  });

  it('handles hostile text without throwing: 64 KB, lone surrogates, control and bidi characters', () => {
    const big = `GET http://x/?token=${'A'.repeat(65_536)}&q=\ud800\u202e\u0000 Authorization: ${'\u202e'.repeat(1000)}`;
    const out = redactFlow({ Summary: big }, RULES).Summary ?? '';
    expect(out).not.toContain('AAAA');
    expect(out).toContain(`token=${REDACTED}&q=\ud800\u202e\u0000 Authorization: ${REDACTED}`);
  });
});

describe('configured rules', () => {
  it('adds header names and /regex/ entries to the defaults', () => {
    const parsed = parseRedactRules({
      headers: 'X-Tenant-Secret, /^x-internal-/',
      queryKeys: 'tenant,/^sess_/',
    });
    if (!parsed.ok) throw new Error(parsed.error);
    const rules = parsed.rules;
    const flow = httpFlow(
      {
        url: 'http://x/?tenant=t1&sess_id=s1&token=a&page=1',
        headers: [
          { key: 'X-Tenant-Secret', value: 'v1' },
          { key: 'X-Internal-Key', value: 'v2' },
          { key: 'Authorization', value: 'v3' },
          { key: 'X-Other', value: 'v4' },
        ],
      },
      'X-Internal-Debug: dbg\nX-Other: fine',
    );
    const out = redactFlow(flow, rules);
    expect(out.l7?.http?.url).toBe(
      `http://x/?tenant=${REDACTED}&sess_id=${REDACTED}&token=${REDACTED}&page=1`,
    );
    expect(out.l7?.http?.headers?.map((h) => h.value)).toEqual([REDACTED, REDACTED, REDACTED, 'v4']);
    expect(out.Summary).toBe(`X-Internal-Debug: ${REDACTED}\nX-Other: fine`);
  });

  it('accepts commas inside a regex entry', () => {
    const parsed = parseRedactRules({ queryKeys: '/^k{1,2}$/,other' });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(redactFlow(httpFlow({ url: 'http://x/?kk=1&other=2&k3=3' }), parsed.rules).l7?.http?.url).toBe(
      `http://x/?kk=${REDACTED}&other=${REDACTED}&k3=3`,
    );
  });

  it('rejects invalid entries naming the setting', () => {
    expect(parseRedactRules({ headers: '/([/' })).toMatchObject({
      ok: false,
      setting: 'SKYMAP_REDACT_HEADERS',
    });
    expect(parseRedactRules({ headers: 'bad header' })).toMatchObject({ ok: false });
    expect(parseRedactRules({ queryKeys: '/x/g' })).toMatchObject({
      ok: false,
      setting: 'SKYMAP_REDACT_QUERY_KEYS',
    });
    expect(parseRedactRules({ queryKeys: 'a=b' })).toMatchObject({ ok: false });
    expect(parseRedactRules({})).toMatchObject({ ok: true });
  });
});
