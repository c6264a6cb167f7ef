// talosconfig (the file talosctl reads from $TALOSCONFIG): YAML with `context: <name>` and
// `contexts: {<name>: {endpoints: [...], nodes: [...], ca, crt, key}}`, where ca/crt/key are base64
// encoded PEM. Errors name TALOSCONFIG so a bad file is one clear start-up line.
import { parse } from 'yaml';

export interface TalosContext {
  readonly name: string;
  /** host or host:port of apid; port 50000 is added when missing. */
  readonly endpoints: readonly string[];
  /** Node addresses to query (gRPC metadata `node`); empty → only the endpoints themselves. */
  readonly nodes: readonly string[];
  readonly ca: Buffer;
  readonly crt: Buffer;
  readonly key: Buffer;
}

export type TalosconfigResult =
  | { readonly ok: true; readonly context: TalosContext }
  | { readonly ok: false; readonly error: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim());
}

function pem(ctx: Record<string, unknown>, field: 'ca' | 'crt' | 'key', name: string): Buffer | string {
  const raw = ctx[field];
  if (typeof raw !== 'string' || raw.trim() === '') return `context "${name}" has no ${field}`;
  const decoded = Buffer.from(raw.trim(), 'base64');
  if (!decoded.toString('utf8').includes('-----BEGIN '))
    return `context "${name}" ${field} is not a base64 PEM`;
  return decoded;
}

/** `contextOverride` mirrors `talosctl --context`. */
export function parseTalosconfig(source: string, contextOverride?: string): TalosconfigResult {
  const fail = (msg: string): TalosconfigResult => ({ ok: false, error: `TALOSCONFIG: ${msg}` });
  let doc: unknown;
  try {
    doc = parse(source);
  } catch (err) {
    return fail(`not valid YAML (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
  if (!isRecord(doc)) return fail('expected a YAML mapping with context and contexts');
  const contexts = doc.contexts;
  if (!isRecord(contexts) || Object.keys(contexts).length === 0) return fail('no contexts defined');
  const name = contextOverride ?? (typeof doc.context === 'string' ? doc.context : '');
  if (!name) return fail('no current context set (context: <name>)');
  const ctx = contexts[name];
  if (!isRecord(ctx)) {
    return fail(`context "${name}" not found (have: ${Object.keys(contexts).sort().join(', ')})`);
  }
  const endpoints = stringList(ctx.endpoints);
  if (endpoints.length === 0) return fail(`context "${name}" has no endpoints`);
  const ca = pem(ctx, 'ca', name);
  const crt = pem(ctx, 'crt', name);
  const key = pem(ctx, 'key', name);
  for (const v of [ca, crt, key]) if (typeof v === 'string') return fail(v);
  return {
    ok: true,
    context: {
      name,
      endpoints,
      nodes: stringList(ctx.nodes),
      ca: ca as Buffer,
      crt: crt as Buffer,
      key: key as Buffer,
    },
  };
}

/** Adds the Talos API port when an endpoint has none (IPv6 literals need brackets, as in talosctl). */
export function withTalosPort(endpoint: string): string {
  if (/^\[.*\]:\d+$/.test(endpoint) || /^[^:]+:\d+$/.test(endpoint)) return endpoint;
  if (endpoint.includes(':') && !endpoint.startsWith('[')) return `[${endpoint}]:50000`;
  return `${endpoint}:50000`;
}
