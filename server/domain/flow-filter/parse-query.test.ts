import { describe, expect, it } from 'vitest';
import { parseFlowQuery, validateFlowQuery } from './parse-query';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
const parse = (q: string, options?: { ignoreParams?: readonly string[] }) =>
  parseFlowQuery(new URLSearchParams(q), NOW, options);
const errorOf = (q: string) => {
  const r = parse(q);
  return 'error' in r ? r.error : undefined;
};
const termsOf = (q: string) => {
  const r = parse(q);
  if ('error' in r) throw new Error(r.error);
  return r.query.terms;
};

describe('parseFlowQuery: errors', () => {
  it.each([
    ['port=99999', 'invalid port "99999"'],
    ['to-port=-1', 'invalid port "-1"'],
    [
      'verdict=FOO',
      'unknown verdict "FOO" (expected VERDICT_UNKNOWN, FORWARDED, DROPPED, ERROR, AUDIT, REDIRECTED, TRACED, TRANSLATED)',
    ],
    ['ip=10.0.0.0/33', 'invalid CIDR "10.0.0.0/33"'],
    ['from-ip=10.0.0.256', 'invalid IP address "10.0.0.256"'],
    ['to-ip=fe80::1%25eth0', 'invalid IP address "fe80::1%eth0"'],
    [
      'protocol=quic',
      'unknown protocol "quic" (expected tcp, udp, sctp, icmp, icmpv4, icmpv6, dns, http, kafka)',
    ],
    ['drop-reason=NOPE', 'unknown drop reason "NOPE"'],
    ['http-status=600', 'invalid HTTP status "600" (expected a code like 404 or a prefix like 5+)'],
    ['traffic-direction=up', 'invalid traffic direction "up" (expected ingress or egress)'],
    ['reply=maybe', 'invalid reply "maybe" (expected true or false)'],
    [
      'type=bogus',
      'unknown event type "bogus" (expected drop, debug, capture, trace, policy-verdict, recorder, trace-sock, l7, agent)',
    ],
    ['type=trace:sideways', 'unknown event sub-type "sideways" in "trace:sideways"'],
    [
      'identity=nobody',
      'invalid identity "nobody" (expected a number or one of host, world, unmanaged, health, init, remote-node, kube-apiserver, ingress, world-ipv4, world-ipv6)',
    ],
    ['pod=a/b/c', 'invalid pod "a/b/c": expected [namespace/]name-prefix'],
    ['pod=/x', 'invalid pod "/x": invalid namespace'],
    ['namespace=a%20b', 'invalid namespace "a b"'],
    ['workload=/', 'invalid workload "/" (expected name, kind/name or kind/)'],
    ['fqdn=bad!.com', 'invalid FQDN pattern "bad!.com": invalid character "!"'],
    ['node-name=a/b/c', 'invalid node name pattern "a/b/c": too many slashes'],
    ['label=app%20in%20()', 'invalid label selector "app in ()": "in" needs at least one value'],
    ['label=Bad%2FKey%2Fx=1', 'invalid label selector "Bad/Key/x=1": invalid label key "Bad/Key/x"'],
    ['label=app=not%20valid', 'invalid label selector "app=not valid": unexpected "valid"'],
    ['http-path=(', 'http-path: invalid regular expression "(": unbalanced "("'],
    [
      'dns-query=(a%2B)%2B%24',
      'dns-query: invalid regular expression "(a+)+$": a repeated group may not contain repetition or alternation (catastrophic backtracking)',
    ],
    [
      'http-url=(%3F%3Dx)',
      'http-url: invalid regular expression "(?=x)": look-around and inline flags inside the pattern are not supported',
    ],
    [
      'http-url=(a)%5C1',
      'http-url: invalid regular expression "(a)\\1": back-references and octal escapes are not supported',
    ],
    ['namespace=', 'empty value for "namespace"'],
    ['namespace=a,,b', 'empty value for "namespace"'],
    ['namespace=a%0Ab', 'value for "namespace" contains a control character'],
    ['bogus=1', 'unknown filter "bogus"'],
    ['not-bogus=1', 'unknown filter "not-bogus"'],
    ['cel=true', 'CEL expressions are not supported'],
    [
      'since=yesterday',
      'since: invalid time "yesterday" (expected RFC 3339 like 2024-05-01T10:00:00Z or a duration like 5m)',
    ],
    ['until=2024-02-30T00:00:00Z', 'until: invalid time "2024-02-30T00:00:00Z"'],
    ['since=1m&until=1h', '"since" is after "until"'],
    ['since=1m&since=2m', '"since" given more than once'],
    ['limit=0', 'invalid limit "0" (1 to 100000)'],
    ['limit=ten', 'invalid limit "ten"'],
    ['limit=5&last=6', '"last" given more than once'],
  ])('%s', (q, message) => {
    expect(errorOf(q)).toBe(message);
  });

  it('refuses values over 1 KB', () => {
    expect(errorOf(`http-path=${'a'.repeat(1025)}`)).toBe(
      'value for "http-path" is too long (1025 bytes, max 1024)',
    );
    expect(errorOf(`http-path=${'é'.repeat(513)}`)).toBe(
      'value for "http-path" is too long (1026 bytes, max 1024)',
    );
    expect(errorOf(`http-path=${'a'.repeat(1024)}`)).toBeUndefined();
  });

  it('refuses more than 50 terms and more than 500 values', () => {
    const value = (f: string) =>
      ({
        port: '1',
        ip: '1.1.1.1',
        identity: '1',
        protocol: 'tcp',
        verdict: 'DROPPED',
        type: 'l7',
        reply: 'true',
      })[f.replace(/^(from|to)-/, '')] ?? 'a';
    const terms = [
      'namespace',
      'from-namespace',
      'to-namespace',
      'pod',
      'from-pod',
      'to-pod',
      'label',
      'from-label',
      'to-label',
      'port',
      'from-port',
      'to-port',
      'ip',
      'from-ip',
      'to-ip',
      'identity',
      'from-identity',
      'to-identity',
      'workload',
      'from-workload',
      'to-workload',
      'service',
      'from-service',
      'to-service',
      'protocol',
      'verdict',
      'type',
      'reply',
    ].flatMap((f) => [`${f}=${value(f)}`, `not-${f}=${value(f)}`]);
    expect(terms.length).toBeGreaterThan(50);
    expect(errorOf(terms.slice(0, 50).join('&'))).toBeUndefined();
    expect(errorOf(terms.slice(0, 51).join('&'))).toBe('too many filters (max 50)');
    const chunk = (k: number) => Array.from({ length: 100 }, (_, i) => `n${k * 100 + i}`).join(',');
    const sixHundred = Array.from({ length: 6 }, (_, k) => `namespace=${chunk(k)}`).join('&');
    expect(errorOf(sixHundred)).toBe('too many filter values (max 500)');
    const params = Array.from({ length: 501 }, () => 'namespace=a').join('&');
    expect(errorOf(params)).toBe('too many query parameters (max 500)');
  });
});

describe('parseFlowQuery: values', () => {
  it('merges repeated and comma-separated values into one OR term per name and sign', () => {
    expect(termsOf('namespace=a&namespace=b,c&not-namespace=a&namespace=a')).toEqual([
      { field: 'namespace', values: ['a', 'b', 'c'], negate: false },
      { field: 'namespace', values: ['a'], negate: true },
    ]);
  });

  it('does not split label selectors and regular expressions on commas', () => {
    expect(termsOf('label=a=b,c=d&http-path=x{1,3}')).toEqual([
      { field: 'label', values: ['a=b,c=d'], negate: false },
      { field: 'http-path', values: ['x{1,3}'], negate: false },
    ]);
  });

  it('canonicalises values', () => {
    const q = [
      'pod=web',
      'from-pod=shop/',
      'ip=FE80:0:0::1,::ffff:10.0.0.1',
      'to-ip=10.1.2.3/8,2001:DB8::1/32',
      'port=080',
      'verdict=dropped',
      'protocol=TCP',
      'identity=reserved:WORLD,00042',
      'type=4:3,drop:policy_denied,agent:policy-updated,l7',
      'ip-version=4',
      'http-method=get',
      'traffic-direction=EGRESS',
      'fqdn=WWW.Example.COM.',
      'drop-reason-desc=policy_denied',
      'node-name=Prod/Worker-*',
    ].join('&');
    expect(termsOf(q).map((t) => [t.field, ...t.values])).toEqual([
      ['pod', 'default/web'],
      ['from-pod', 'shop/'],
      ['ip', 'fe80::1', '10.0.0.1'],
      ['to-ip', '10.0.0.0/8', '2001:db8::/32'],
      ['port', '80'],
      ['verdict', 'DROPPED'],
      ['protocol', 'tcp'],
      ['identity', 'world', '42'],
      ['type', 'trace:to-stack', 'drop:133', 'agent:policy-updated', 'l7'],
      ['ip-version', 'v4'],
      ['http-method', 'GET'],
      ['traffic-direction', 'egress'],
      ['fqdn', 'www.example.com.'],
      ['drop-reason', 'POLICY_DENIED'],
      ['node-name', 'prod/worker-*'],
    ]);
  });

  it('parses since/until/limit', () => {
    const r = parse('since=5m&until=2024-05-01T13:00:00.123456789%2B01:00&last=20');
    expect(r).toEqual({
      query: {
        terms: [],
        since: '2024-05-01T11:55:00.000Z',
        until: '2024-05-01T12:00:00.123456789Z',
        limit: 20,
      },
    });
    expect(parse('since=2024-05-01T10:00:00 02:00')).toEqual({
      query: { terms: [], since: '2024-05-01T08:00:00.000Z' },
    });
    expect(parse('since=1h30m&until=2024-05-01')).toEqual({ error: '"since" is after "until"' });
    expect(parse('since=0')).toEqual({ query: { terms: [], since: '2024-05-01T12:00:00.000Z' } });
  });

  it('ignores parameters the caller owns', () => {
    expect(parse('cursor=abc&verdict=DROPPED', { ignoreParams: ['cursor'] })).toEqual({
      query: { terms: [{ field: 'verdict', values: ['DROPPED'], negate: false }] },
    });
  });
});

describe('validateFlowQuery', () => {
  it('canonicalises a hand-built query and rejects bad ones', () => {
    expect(
      validateFlowQuery({
        terms: [{ field: 'port', values: ['0443', '443'], negate: true }],
        since: '2024-05-01T10:00:00+02:00',
      }),
    ).toEqual({
      query: { terms: [{ field: 'port', values: ['443'], negate: true }], since: '2024-05-01T08:00:00.000Z' },
    });
    expect(validateFlowQuery({ terms: [{ field: 'port', values: [], negate: false }] })).toEqual({
      error: 'no value for "port"',
    });
    expect(validateFlowQuery({ terms: [], since: '5m' })).toEqual({ error: 'since: invalid time "5m"' });
    expect(validateFlowQuery({ terms: [], limit: 1.5 })).toEqual({
      error: 'invalid limit "1.5" (1 to 100000)',
    });
  });
});
