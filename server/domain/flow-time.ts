// RFC 3339 → whole epoch ms without Date.parse on the hot path (Date.parse is ~10x slower and varies by
// engine on fractional digits). Returns NaN for anything that is not a UTC timestamp Hubble writes.
import { FLOW_TIME_MS, type Flow } from './flow';

const DIGIT0 = 48;

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - DIGIT0;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function parseFlowTime(text: string | undefined): number {
  if (text === undefined || text.length < 20) return Number.NaN;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58)
    return Number.NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let ms = 0;
  let i = 19;
  if (text.charCodeAt(i) === 46) {
    i += 1;
    // Integer arithmetic: summing d * 0.1^k in floating point turns .999999999 into 1000 ms.
    let fraction = 0;
    let places = 0;
    while (i < text.length) {
      const d = text.charCodeAt(i) - DIGIT0;
      if (d < 0 || d > 9) break;
      if (places < 9) {
        fraction = fraction * 10 + d;
        places += 1;
      }
      i += 1;
    }
    ms = Math.floor((fraction * 10 ** (9 - places)) / 1e6);
  }
  if (text[i] !== 'Z' || i !== text.length - 1) return Number.NaN;
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 61)) {
    return Number.NaN;
  }
  return daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/** A flow's time in epoch ms: what the decoder carried, else parsed from `time`; NaN when invalid. */
export function flowTimeMs(flow: Flow): number {
  const carried = flow[FLOW_TIME_MS];
  return carried !== undefined ? carried : parseFlowTime(flow.time);
}

/** The time a flow counts at: its own time when plausible, else when it arrived. */
export function effectiveFlowTime(flow: Flow, arrivedMs: number): number {
  return plausible(flowTimeMs(flow), arrivedMs);
}

/** The time a flow counts at: its own time when plausible, else when it arrived. */
export function effectiveTime(text: string | undefined, arrivedMs: number): number {
  return plausible(parseFlowTime(text), arrivedMs);
}

function plausible(t: number, arrivedMs: number): number {
  if (Number.isNaN(t) || t > arrivedMs + 60_000 || t < arrivedMs - 3_600_000) return arrivedMs;
  return t;
}
