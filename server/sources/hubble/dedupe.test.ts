import { describe, expect, it } from 'vitest';
import type { Flow, FlowEvent } from '../../domain/flow';
import { createFlowDeduper, flowKey } from './dedupe';

const BASE = Date.parse('2026-01-01T00:00:00Z');

function at(ms: number, extra: Partial<Flow> = {}): Flow {
  return { time: new Date(BASE + ms).toISOString(), node_name: 'n1', Summary: 'TCP', ...extra };
}

describe('flowKey', () => {
  it('prefers uuid and otherwise combines node, time and what the flow was', () => {
    expect(flowKey({ uuid: 'u-1', time: 'x' })).toBe('u-1');
    const a = flowKey(at(1, { IP: { source: '10.0.0.1', destination: '10.0.0.2' }, Summary: undefined }));
    const b = flowKey(at(1, { IP: { source: '10.0.0.1', destination: '10.0.0.3' }, Summary: undefined }));
    expect(a).not.toBe(b);
    expect(flowKey(at(1), 'x')).not.toBe(flowKey(at(1, { node_name: 'n2' })));
  });
});

describe('createFlowDeduper', () => {
  it('admits a flow once and rejects repeats by uuid or composite key while a resume replays', () => {
    const d = createFlowDeduper({ windowMs: 5000, maxKeys: 1000 });
    expect(d.admit(at(0, { uuid: 'a' }))).toBe(true);
    expect(d.admit(at(10))).toBe(true);
    expect(d.replaying).toBe(false);
    expect(d.beginResume(2000)).toBe(new Date(BASE - 1990).toISOString());
    expect(d.replaying).toBe(true);
    expect(d.admit(at(0, { uuid: 'a' }))).toBe(false);
    expect(d.admit(at(10))).toBe(false);
    expect(d.admit(at(11))).toBe(true);
    expect(d.admit(at(11))).toBe(false);
  });

  it('outside a replay remembers keys without looking them up (one call never repeats a flow)', () => {
    const d = createFlowDeduper({ windowMs: 5000, maxKeys: 1000 });
    expect(d.admit(at(0, { uuid: 'a' }))).toBe(true);
    expect(d.admit(at(0, { uuid: 'a' }))).toBe(true);
    expect(d.size).toBe(2);
  });

  it('ends the replay once the stream moved windowMs past the newest flow seen before it', () => {
    const d = createFlowDeduper({ windowMs: 1000, maxKeys: 1000 });
    d.admit(at(0, { uuid: 'a' }));
    d.admit(at(500, { uuid: 'b' }));
    d.beginResume(300);
    expect(d.admit(at(500, { uuid: 'b' }))).toBe(false);
    // A late message of the old stream, newer than the resume point, arriving during the replay...
    expect(d.admit(at(900, { uuid: 'late' }))).toBe(true);
    // ...is not counted again when the new stream re-sends it.
    expect(d.admit(at(900, { uuid: 'late' }))).toBe(false);
    expect(d.admit(at(1500, { uuid: 'c' }))).toBe(true);
    expect(d.replaying).toBe(true);
    expect(d.admit(at(1501, { uuid: 'd' }))).toBe(true);
    expect(d.replaying).toBe(false);
  });

  it('replays again after a second reconnect, with keys admitted in between', () => {
    const d = createFlowDeduper({ windowMs: 100, maxKeys: 1000 });
    d.admit(at(0, { uuid: 'a' }));
    d.beginResume(50);
    d.admit(at(500, { uuid: 'b' }));
    expect(d.replaying).toBe(false);
    d.admit(at(510, { uuid: 'c' }));
    d.beginResume(50);
    expect(d.admit(at(500, { uuid: 'b' }))).toBe(false);
    expect(d.admit(at(510, { uuid: 'c' }))).toBe(false);
    expect(d.admit(at(505, { uuid: 'e' }))).toBe(true);
  });

  it('forgets keys older than the window behind the newest flow', () => {
    const d = createFlowDeduper({ windowMs: 1000, maxKeys: 1000 });
    d.admit(at(0, { uuid: 'old' }));
    d.admit(at(500, { uuid: 'mid' }));
    d.admit(at(2000, { uuid: 'new' }));
    expect(d.size).toBe(1);
    expect(d.admit(at(500, { uuid: 'mid' }))).toBe(true);
  });

  it('resumes overlapMs before the newest flow, and after any key the cap evicted', () => {
    const d = createFlowDeduper({ windowMs: 10_000, maxKeys: 3 });
    expect(d.resumeSince(2000)).toBeUndefined();
    for (let i = 0; i < 3; i++) d.admit(at(i * 1000, { uuid: `u${i}` }));
    expect(d.resumeSince(1500)).toBe(new Date(BASE + 500).toISOString());
    d.admit(at(3000, { uuid: 'u3' })); // evicts u0 (t=0)
    expect(d.size).toBe(3);
    expect(d.resumeSince(10_000)).toBe(new Date(BASE + 1).toISOString());
  });

  it('ignores unparseable times for the resume point but still de-duplicates them', () => {
    const d = createFlowDeduper({ windowMs: 1000, maxKeys: 10 });
    expect(d.admit({ uuid: 'x', time: 'garbage' })).toBe(true);
    // No resume point: the caller repeats its back-fill, so repeats are still checked.
    expect(d.beginResume(0)).toBeUndefined();
    expect(d.admit({ uuid: 'x', time: 'garbage' })).toBe(false);
    expect(d.resumeSince(0)).toBeUndefined();
  });

  it('de-duplicates lost events without moving the resume point; node_status always passes', () => {
    const d = createFlowDeduper({ windowMs: 5000, maxKeys: 100 });
    d.admit(at(1000, { uuid: 'f' }));
    const lost: FlowEvent = {
      kind: 'lost',
      nodeName: 'n1',
      time: new Date(BASE + 9000).toISOString(),
      lost: { source: 'HUBBLE_RING_BUFFER', num_events_lost: '3' },
    };
    expect(d.admitEvent(lost)).toBe(true);
    d.beginResume(5000);
    expect(d.admitEvent({ ...lost })).toBe(false);
    expect(d.admitEvent({ ...lost, lost: { ...lost.lost, num_events_lost: '4' } })).toBe(true);
    expect(d.resumeSince(0)).toBe(new Date(BASE + 1000).toISOString());
    const status: FlowEvent = { kind: 'node-status', status: { state_change: 'NODE_CONNECTED' } };
    expect(d.admitEvent(status)).toBe(true);
    expect(d.admitEvent(status)).toBe(true);
    expect(d.admitEvent({ kind: 'flow', flow: at(1000, { uuid: 'f' }) })).toBe(false);
  });

  it('keeps memory bounded under a long stream', () => {
    const d = createFlowDeduper({ windowMs: 100, maxKeys: 500 });
    for (let i = 0; i < 50_000; i++) d.admit(at(i, { uuid: `k${i}` }));
    expect(d.size).toBeLessThanOrEqual(101);
  });
});

describe('createFlowDeduper against a plain queue model', () => {
  it('agrees on every answer and the resume point under random churn, resumes and evictions', () => {
    let seed = 7;
    const rand = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const windowMs = 400;
    const maxKeys = 64;
    const d = createFlowDeduper({ windowMs, maxKeys });
    // The model: an insertion-ordered queue of remembered (uuid, time), same eviction rules; repeats
    // are rejected only during a replay (from a resume until windowMs past the newest flow then).
    const model: { uuid: string; t: number }[] = [];
    let newest = Number.NEGATIVE_INFINITY;
    let evictedNewest = Number.NEGATIVE_INFINITY;
    let replayUntil: number | undefined;
    let clock = 0;
    let rejected = 0;
    for (let i = 0; i < 20_000; i++) {
      if (rand() < 0.002) {
        d.beginResume(1000);
        if (model.length > 0) replayUntil = newest + windowMs;
      }
      clock += Math.floor(rand() * 5);
      const t = clock - Math.floor(rand() * 300);
      const uuid = `u${Math.floor(rand() * 300)}`;
      const got = d.admit(at(t, { uuid }));
      let want: boolean;
      if (replayUntil !== undefined && model.some((e) => e.uuid === uuid)) want = false;
      else {
        want = true;
        if (t > newest) {
          newest = t;
          if (replayUntil !== undefined && newest > replayUntil) replayUntil = undefined;
        }
        if (t >= newest - windowMs) {
          while (model.length > 0 && (model[0]!.t < newest - windowMs || model.length >= maxKeys)) {
            const gone = model.shift()!;
            if (gone.t > evictedNewest) evictedNewest = gone.t;
          }
          model.push({ uuid, t });
        }
      }
      if (!want) rejected += 1;
      expect(got).toBe(want);
      expect(d.size).toBe(model.length);
      expect(d.replaying).toBe(replayUntil !== undefined);
    }
    expect(rejected).toBeGreaterThan(100);
    const since = Math.max(newest - 1000, evictedNewest + 1);
    expect(d.resumeSince(1000)).toBe(new Date(BASE + since).toISOString());
  });
});
