// Connection shapes: which events one TCP connection, datagram exchange, DNS lookup through the
// proxy, or denied connection attempt produces (flow-compiler.ts decides where each is observed).
import { Compiler, type Dir, EVENT, FLAGS, f } from './flow-compiler';
import type { CompiledConv, Conv } from './flow-spec';

/** `oneShot`: the result is used for one connection only (scale traffic), so it stays mutable. */
export function compileConv(conv: Conv, oneShot = false): CompiledConv {
  const k = new Compiler(conv, oneShot);
  if (conv.deny) compileDeny(k);
  else if (conv.dns) compileDns(k);
  else if (conv.proto === 'TCP') compileTcp(k);
  else compileDatagram(k);
  return { conv, steps: k.steps, oneShot };
}

function compileTcp(k: Compiler): void {
  const c = k.conv;
  const proxy = c.http !== undefined && k.sNode !== undefined;
  if (!c.established) {
    if (c.egressAllow)
      k.verdictEvent('client', c.egressAllow.verdict, c.egressAllow.match, FLAGS.SYN, {
        egress_allowed_by: c.egressAllow.by,
      });
    k.trace(true, 'client', FLAGS.SYN, 'NEW');
    if (c.ingressAllow)
      k.verdictEvent('server', c.ingressAllow.verdict, c.ingressAllow.match, FLAGS.SYN, {
        ingress_allowed_by: c.ingressAllow.by,
      });
    k.trace(true, 'server', FLAGS.SYN, 'NEW', proxy);
    k.trace(false, 'server', FLAGS.SYN_ACK, 'REPLY');
    k.trace(false, 'client', FLAGS.SYN_ACK, 'REPLY');
    k.trace(true, 'server', FLAGS.ACK, 'ESTABLISHED', proxy);
  }
  for (let r = 0; r < c.rounds; r++) {
    k.trace(true, 'client', FLAGS.PSH_ACK, 'ESTABLISHED');
    k.trace(true, 'server', FLAGS.PSH_ACK, 'ESTABLISHED', proxy);
    if (proxy && k.sNode) {
      k.push({
        fwd: true,
        node: k.sNode,
        event: EVENT.l7,
        verdict: 'FORWARDED',
        type: 'L7',
        dir: 'INGRESS',
        isReply: false,
        l7: 'http-req',
      });
      k.trace(true, 'server', FLAGS.PSH_ACK, 'ESTABLISHED');
    }
    k.trace(false, 'server', FLAGS.PSH_ACK, 'REPLY');
    if (proxy && k.sNode) {
      k.push({
        fwd: false,
        node: k.sNode,
        event: EVENT.l7,
        verdict: 'FORWARDED',
        type: 'L7',
        dir: 'INGRESS',
        isReply: true,
        l7: 'http-resp',
      });
    }
    k.trace(false, 'client', FLAGS.PSH_ACK, 'REPLY');
  }
  if (!c.established) {
    k.trace(true, 'client', FLAGS.FIN_ACK, 'ESTABLISHED');
    k.trace(true, 'server', FLAGS.FIN_ACK, 'ESTABLISHED', proxy);
    k.trace(false, 'server', FLAGS.FIN_ACK, 'REPLY');
    k.trace(false, 'client', FLAGS.FIN_ACK, 'REPLY');
  }
}

function compileDatagram(k: Compiler): void {
  for (let r = 0; r < Math.max(1, k.conv.rounds); r++) {
    const reason = r === 0 ? 'NEW' : 'ESTABLISHED';
    k.trace(true, 'client', undefined, reason);
    k.trace(true, 'server', undefined, reason);
    k.trace(false, 'server', undefined, 'REPLY');
    k.trace(false, 'client', undefined, 'REPLY');
  }
}

function compileDns(k: Compiler): void {
  const c = k.conv;
  const node = k.cNode;
  if (!node || !c.dns) return;
  if (c.egressAllow)
    k.verdictEvent('client', c.egressAllow.verdict, c.egressAllow.match, undefined, {
      egress_allowed_by: c.egressAllow.by,
    });
  c.dns.forEach((q, i) => {
    k.push({
      fwd: true,
      node,
      event: EVENT.toProxy,
      verdict: 'FORWARDED',
      type: 'L3_L4',
      dir: 'EGRESS',
      isReply: false,
      point: 'TO_PROXY',
      reason: i === 0 ? 'NEW' : 'ESTABLISHED',
    });
    const dnsReq = f({ query: q.query, observation_source: 'proxy', qtypes: f([q.qtype]) });
    k.push({
      fwd: true,
      node,
      event: EVENT.l7,
      verdict: 'FORWARDED',
      type: 'L7',
      dir: 'EGRESS',
      isReply: false,
      l7: 'static',
      summary: `DNS Query ${q.query} ${q.qtype}`,
      extra: { l7: f({ type: 'REQUEST', dns: dnsReq }) },
    });
    k.trace(true, 'server', undefined, 'NEW');
    k.trace(false, 'server', undefined, 'REPLY');
    const answer: Record<string, unknown> = { query: q.query };
    if (q.ips.length > 0) answer.ips = f([...q.ips]);
    answer.ttl = q.ttl;
    answer.observation_source = 'proxy';
    if (q.rcode !== 0) answer.rcode = q.rcode;
    answer.qtypes = f([q.qtype]);
    if (q.ips.length > 0) answer.rrtypes = f([q.qtype]);
    const summary =
      q.rcode === 3
        ? `DNS Answer RCode: Non-Existent Domain TTL: ${q.ttl} (Proxy ${q.query} ${q.qtype})`
        : `DNS Answer "${q.ips.join(',')}" TTL: ${q.ttl} (Proxy ${q.query} ${q.qtype})`;
    k.push({
      fwd: false,
      node,
      event: EVENT.l7,
      verdict: 'FORWARDED',
      type: 'L7',
      dir: 'EGRESS',
      isReply: true,
      l7: 'static',
      summary,
      extra: { l7: f({ type: 'RESPONSE', dns: f(answer) }) },
    });
    k.trace(false, 'client', undefined, 'REPLY');
  });
}

function compileDeny(k: Compiler): void {
  const c = k.conv;
  const deny = c.deny;
  if (!deny) return;
  const flags = c.proto === 'TCP' ? FLAGS.SYN : undefined;
  const node = deny.at === 'client' ? k.cNode : k.sNode;
  if (!node) return;
  const dir: Dir = deny.at === 'client' ? 'EGRESS' : 'INGRESS';
  const byKey = deny.at === 'client' ? 'egress_denied_by' : 'ingress_denied_by';
  for (let a = 0; a < Math.max(1, deny.attempts); a++) {
    if (deny.at === 'server') k.trace(true, 'client', flags, 'NEW');
    if (deny.verdictEvent) {
      const extra = deny.by && deny.by.length > 0 ? { [byKey]: deny.by } : undefined;
      // Deny rules match on L3+L4; a default-deny drop matched no rule at all.
      k.verdictEvent(deny.at, 'DROPPED', deny.by ? 2 : 0, flags, extra, deny.code);
    }
    k.push({
      fwd: true,
      node,
      event: f({ type: 1, sub_type: deny.code }),
      verdict: 'DROPPED',
      type: 'L3_L4',
      dir,
      flags,
      dropCode: deny.code,
    });
  }
}
