// Secrets out of flows before anything stores them where a browser can read them. Runs on every
// ingested flow, so the common case (no l7.http, a Summary like "TCP Flags: ACK") returns the same
// object after a few property reads and index scans, allocating nothing.
import type { Flow, FlowEvent, Http, HttpHeader } from '../flow';
import { redactHeaderValue, redactText, redactUrl, textMayNeedRedaction } from './redact-text';
import type { RedactRules } from './rules';

function redactHeaders(
  headers: readonly HttpHeader[],
  rules: RedactRules,
): readonly HttpHeader[] | undefined {
  let out: HttpHeader[] | undefined;
  for (let i = 0; i < headers.length; i++) {
    const header = headers[i]!;
    const value = header.value;
    if (value === undefined) continue;
    const next = redactHeaderValue(header.key ?? '', value, rules);
    if (next === value) continue;
    out ??= headers.slice();
    out[i] = { ...header, value: next };
  }
  return out;
}

function redactHttp(http: Http, rules: RedactRules): Http {
  const url = http.url === undefined ? undefined : redactUrl(http.url, rules);
  const headers = http.headers === undefined ? undefined : redactHeaders(http.headers, rules);
  if (url === http.url && headers === undefined) return http;
  return { ...http, url, ...(headers ? { headers } : {}) };
}

/** The flow with secrets replaced by `[redacted]`; the same object when there was nothing to do. */
export function redactFlow(flow: Flow, rules: RedactRules): Flow {
  const http = flow.l7?.http;
  const summary = flow.Summary;
  const summaryMayNeed = summary !== undefined && textMayNeedRedaction(summary, rules);
  if (http === undefined && !summaryMayNeed) return flow;
  const nextHttp = http === undefined ? undefined : redactHttp(http, rules);
  const nextSummary = summaryMayNeed ? redactText(summary, rules) : summary;
  if (nextHttp === http && nextSummary === summary) return flow;
  return {
    ...flow,
    ...(nextHttp !== http ? { l7: { ...flow.l7, http: nextHttp } } : {}),
    ...(nextSummary !== summary ? { Summary: nextSummary } : {}),
  };
}

/** The batch with every flow redacted; the same array when no flow changed. */
export function redactEvents(events: readonly FlowEvent[], rules: RedactRules): readonly FlowEvent[] {
  let out: FlowEvent[] | undefined;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (event.kind !== 'flow') continue;
    const flow = redactFlow(event.flow, rules);
    if (flow === event.flow) continue;
    out ??= events.slice();
    out[i] = { ...event, flow };
  }
  return out ?? events;
}

/** Any list of `{flow}` items (e.g. a one-shot Relay query's answer); the same array when unchanged. */
export function redactFlowList<T extends { readonly flow: Flow }>(
  items: readonly T[],
  rules: RedactRules,
): readonly T[] {
  let out: T[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const flow = redactFlow(item.flow, rules);
    if (flow === item.flow) continue;
    out ??= items.slice();
    out[i] = { ...item, flow };
  }
  return out ?? items;
}
