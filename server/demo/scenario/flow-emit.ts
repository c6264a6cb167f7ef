// Turns a compiled conversation into concrete FlowEvents: picks the per-connection values (source
// port, HTTP route, status code, latency) and stamps time and uuid on each precompiled event.
import type { Flow, FlowEvent, Layer4, Layer7 } from '../../domain/flow';
import type { CompiledConv, HttpSpec, Step } from './flow-spec';
import { type Rng, uuidFromWords } from './prng';
import type { ScenarioPhase } from './types';

export interface Instance {
  readonly sport: number;
  readonly reqL7?: Layer7;
  readonly respL7?: Layer7;
  readonly reqSummary?: string;
  readonly respSummary?: string;
}

const JSON_ACCEPT = Object.freeze({ key: 'Accept', value: 'application/json' });
const JSON_TYPE = Object.freeze({ key: 'Content-Type', value: 'application/json' });
const GRPC_TYPE = Object.freeze({ key: 'content-type', value: 'application/grpc' });
const GRPC_TE = Object.freeze({ key: 'te', value: 'trailers' });

function pickRoute(spec: HttpSpec, rng: Rng) {
  let total = 0;
  for (const r of spec.routes) total += r.weight;
  let x = rng.float() * total;
  for (const r of spec.routes) {
    x -= r.weight;
    if (x < 0) return r;
  }
  return spec.routes[spec.routes.length - 1] ?? { method: 'GET', path: '/', weight: 1 };
}

function statusCode(spec: HttpSpec, method: string, rng: Rng, phase: ScenarioPhase): number {
  const r = rng.float();
  if (spec.grpc) return 200;
  if (spec.errors === 'catalog') {
    if (phase.catalogErrors) {
      if (r < 0.3) return 500;
      if (r < 0.42) return 503;
    } else if (r < 0.004) {
      return 500;
    }
    if (r > 0.985) return 404;
  } else if (spec.errors === 'rare') {
    if (r < 0.002) return 500;
    if (r > 0.993) return 404;
  }
  return method === 'POST' ? 201 : 200;
}

function latencyNs(spec: HttpSpec, code: number, rng: Rng, phase: ScenarioPhase): number {
  let ms = spec.medianMs * (0.45 + rng.float() * 1.1);
  if (rng.chance(0.04)) ms *= 3 + rng.float() * 5;
  // The broken catalog build fails fast on 500 and times out upstream on 503.
  if (spec.errors === 'catalog' && phase.catalogErrors)
    ms = code === 503 ? 900 + rng.float() * 600 : ms * 1.8;
  return Math.floor(ms * 1_000_000) + rng.int(1000);
}

export function makeInstance(cc: CompiledConv, rng: Rng, phase: ScenarioPhase): Instance {
  const sport = 32768 + rng.int(28232);
  const spec = cc.conv.http;
  if (!spec) return { sport };
  const route = pickRoute(spec, rng);
  const path = route.path.includes('{id}')
    ? route.path.replace('{id}', String(1000 + rng.int(9000)))
    : route.path;
  const url = `http://${spec.authority}${path}`;
  const code = statusCode(spec, route.method, rng, phase);
  const lat = latencyNs(spec, code, rng, phase);
  const rid = uuidFromWords(rng.nextU32(), rng.nextU32(), rng.nextU32(), rng.nextU32());
  const reqHeaders = spec.grpc
    ? [GRPC_TYPE, GRPC_TE, { key: 'user-agent', value: spec.userAgent }, { key: 'x-request-id', value: rid }]
    : [JSON_ACCEPT, { key: 'User-Agent', value: spec.userAgent }, { key: 'X-Request-Id', value: rid }];
  const grpcStatus = spec.grpc && rng.chance(0.004) ? '14' : '0';
  const respHeaders = spec.grpc
    ? [GRPC_TYPE, { key: 'grpc-status', value: grpcStatus }, { key: 'x-request-id', value: rid }]
    : [JSON_TYPE, { key: 'X-Request-Id', value: rid }];
  return {
    sport,
    reqL7: {
      type: 'REQUEST',
      http: { method: route.method, url, protocol: spec.protocol, headers: reqHeaders },
    },
    respL7: {
      type: 'RESPONSE',
      latency_ns: String(lat),
      http: { code, method: route.method, url, protocol: spec.protocol, headers: respHeaders },
    },
    reqSummary: `${spec.protocol} ${route.method} ${url}`,
    respSummary: `${spec.protocol} ${code} ${Math.floor(lat / 1_000_000)}ms (${route.method} ${url})`,
  };
}

function layer4(step: Step, inst: Instance, dport: number): Layer4 | undefined {
  const sp = step.fwd ? inst.sport : dport;
  const dp = step.fwd ? dport : inst.sport;
  if (step.l4 === 'tcp') {
    return step.flags
      ? { TCP: { source_port: sp, destination_port: dp, flags: step.flags } }
      : { TCP: { source_port: sp, destination_port: dp } };
  }
  if (step.l4 === 'udp') return { UDP: { source_port: sp, destination_port: dp } };
  return undefined;
}

/** Fills a one-shot step's own object (its keys already exist, so its shape does not change). */
function fillInPlace(step: Step, inst: Instance, l4: Layer4 | undefined, time: string, uuid: string): Flow {
  const flow = step.base as { -readonly [K in keyof Flow]: Flow[K] };
  flow.time = time;
  flow.uuid = uuid;
  if (l4) flow.l4 = l4;
  if (step.l7 === 'http-req') {
    flow.l7 = inst.reqL7;
    flow.Summary = inst.reqSummary;
  } else if (step.l7 === 'http-resp') {
    flow.l7 = inst.respL7;
    flow.Summary = inst.respSummary;
  }
  return flow;
}

export function emitStep(
  step: Step,
  inst: Instance,
  dport: number,
  time: string,
  uuid: string,
  oneShot = false,
): FlowEvent {
  const l4 = layer4(step, inst, dport);
  if (oneShot)
    return {
      kind: 'flow',
      flow: fillInPlace(step, inst, l4, time, uuid),
      nodeName: step.node.hubbleName,
      time,
    };
  let flow: Flow;
  if (step.l7 === 'http-req') {
    flow = { ...step.base, time, uuid, l4, l7: inst.reqL7, Summary: inst.reqSummary };
  } else if (step.l7 === 'http-resp') {
    flow = { ...step.base, time, uuid, l4, l7: inst.respL7, Summary: inst.respSummary };
  } else if (l4) {
    flow = { ...step.base, time, uuid, l4 };
  } else {
    flow = { ...step.base, time, uuid };
  }
  return { kind: 'flow', flow, nodeName: step.node.hubbleName, time };
}
