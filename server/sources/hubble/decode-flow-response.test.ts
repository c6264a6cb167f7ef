import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../domain/flow';
import { decodeGetFlowsResponse } from './decode-flow-response';

// Hand-made wire bytes for cases an encoder never produces.

function message(build: (w: BinaryWriter) => void): Uint8Array {
  const w = new BinaryWriter();
  build(w);
  return w.finish();
}

function flowResponse(build: (w: BinaryWriter) => void): Uint8Array {
  return message((w) => w.tag(1, WireType.LengthDelimited).bytes(message(build)));
}

function decodedFlow(bytes: Uint8Array): Flow {
  const event = decodeGetFlowsResponse(bytes);
  if (event.kind !== 'flow') throw new Error(`expected flow, got ${event.kind}`);
  return event.flow;
}

/** Unknown fields of every wire type, including a group with nested content. */
function unknownFields(w: BinaryWriter): void {
  w.tag(9001, WireType.Varint).uint64('18446744073709551615');
  w.tag(9002, WireType.Bit64).fixed64(7);
  w.tag(9003, WireType.LengthDelimited).bytes(new Uint8Array([1, 2, 3]));
  w.tag(9004, WireType.Bit32).fixed32(9);
  w.tag(9005, WireType.StartGroup).tag(1, WireType.Varint).uint32(1);
  w.tag(2, WireType.StartGroup).tag(2, WireType.EndGroup).tag(9005, WireType.EndGroup);
}

describe('decodeGetFlowsResponse on hand-made wire bytes', () => {
  it('skips unknown fields of every wire type at every level, and the extensions Any', () => {
    const bytes = message((w) => {
      unknownFields(w);
      w.tag(1, WireType.LengthDelimited).bytes(
        message((f) => {
          unknownFields(f);
          f.tag(150000, WireType.LengthDelimited).bytes(
            message((a) => a.tag(1, WireType.LengthDelimited).string('x')),
          );
          f.tag(8, WireType.LengthDelimited).bytes(
            message((e) => {
              unknownFields(e);
              e.tag(5, WireType.LengthDelimited).string('pod-a');
            }),
          );
          f.tag(2, WireType.Varint).int32(1);
        }),
      );
      w.tag(1000, WireType.LengthDelimited).string('node-1');
    });
    expect(decodeGetFlowsResponse(bytes)).toStrictEqual({
      kind: 'flow',
      nodeName: 'node-1',
      flow: { source: { pod_name: 'pod-a' }, verdict: 'FORWARDED' },
    });
  });

  it('maps unknown enum numbers to decimal strings, like protojson', () => {
    const flow = decodedFlow(
      flowResponse((w) => {
        w.tag(2, WireType.Varint).int32(42);
        w.tag(25, WireType.Varint).int32(206);
        w.tag(10, WireType.Varint).int32(9);
        w.tag(22, WireType.Varint).int32(-1);
        w.tag(24, WireType.Varint).int32(101);
      }),
    );
    expect(flow).toStrictEqual({
      verdict: '42',
      drop_reason_desc: '206',
      Type: '9',
      traffic_direction: '-1',
      trace_observation_point: 'TO_ENDPOINT',
    });
  });

  it('reads negative int32 (10-byte varints) and uint64 above 2^53', () => {
    const flow = decodedFlow(
      flowResponse((w) => {
        w.tag(19, WireType.LengthDelimited).bytes(
          message((e) => e.tag(1, WireType.Varint).int32(-2).tag(2, WireType.Varint).int32(-2147483648)),
        );
        w.tag(32, WireType.Varint).uint64('9007199254740993');
        w.tag(33, WireType.Varint).uint64('18446744073709551615');
        w.tag(15, WireType.LengthDelimited).bytes(
          message((l) => l.tag(2, WireType.Varint).uint64('9007199254740992')),
        );
      }),
    );
    expect(flow.event_type).toStrictEqual({ type: -2, sub_type: -2147483648 });
    expect(flow.socket_cookie).toBe('9007199254740993');
    expect(flow.cgroup_id).toBe('18446744073709551615');
    expect(flow.l7).toStrictEqual({ latency_ns: '9007199254740992' });
  });

  it('merges a repeated sub-message and lets a later oneof member replace an earlier one', () => {
    const flow = decodedFlow(
      flowResponse((w) => {
        w.tag(8, WireType.LengthDelimited).bytes(
          message((e) => e.tag(4, WireType.LengthDelimited).string('a=1').tag(2, WireType.Varint).uint32(7)),
        );
        w.tag(8, WireType.LengthDelimited).bytes(
          message((e) => e.tag(4, WireType.LengthDelimited).string('b=2')),
        );
        w.tag(6, WireType.LengthDelimited).bytes(
          message((l) =>
            l.tag(1, WireType.LengthDelimited).bytes(message((t) => t.tag(1, WireType.Varint).uint32(80))),
          ),
        );
        w.tag(6, WireType.LengthDelimited).bytes(
          message((l) =>
            l.tag(2, WireType.LengthDelimited).bytes(message((u) => u.tag(2, WireType.Varint).uint32(53))),
          ),
        );
      }),
    );
    expect(flow.source).toStrictEqual({ labels: ['a=1', 'b=2'], identity: 7 });
    expect(flow.l4).toStrictEqual({ UDP: { destination_port: 53 } });
    const replaced = decodeGetFlowsResponse(
      message((w) => {
        w.tag(1, WireType.LengthDelimited).bytes(message((f) => f.tag(2, WireType.Varint).int32(1)));
        w.tag(3, WireType.LengthDelimited).bytes(message((l) => l.tag(2, WireType.Varint).uint64(5)));
      }),
    );
    expect(replaced).toStrictEqual({ kind: 'lost', lost: { num_events_lost: '5' } });
  });

  it('keeps present-but-empty messages and wrappers, omits explicit zero scalars', () => {
    const flow = decodedFlow(
      flowResponse((w) => {
        w.tag(9, WireType.LengthDelimited).bytes(new Uint8Array());
        w.tag(26, WireType.LengthDelimited).bytes(new Uint8Array());
        w.tag(2, WireType.Varint).int32(0);
        w.tag(11, WireType.LengthDelimited).string('');
        w.tag(16, WireType.Varint).bool(false);
      }),
    );
    expect(flow).toStrictEqual({ destination: {}, is_reply: false });
    expect(
      decodeGetFlowsResponse(message((w) => w.tag(1, WireType.LengthDelimited).bytes(new Uint8Array()))),
    ).toStrictEqual({
      kind: 'flow',
      flow: {},
    });
  });

  it('writes timestamps with 0, 3, 6 or 9 fractional digits, like protojson', () => {
    const at = (seconds: number, nanos: number) =>
      decodedFlow(
        flowResponse((w) =>
          w
            .tag(1, WireType.LengthDelimited)
            .bytes(
              message((t) => t.tag(1, WireType.Varint).int64(seconds).tag(2, WireType.Varint).int32(nanos)),
            ),
        ),
      ).time;
    expect(at(1623862333, 0)).toBe('2021-06-16T16:52:13Z');
    expect(at(1623862333, 500_000_000)).toBe('2021-06-16T16:52:13.500Z');
    expect(at(1623862333, 95_357_000)).toBe('2021-06-16T16:52:13.095357Z');
    expect(at(1623862333, 136_834_446)).toBe('2021-06-16T16:52:13.136834446Z');
    expect(at(1623862333, 1)).toBe('2021-06-16T16:52:13.000000001Z');
    expect(at(-1, 0)).toBe('1969-12-31T23:59:59Z');
    expect(at(0, 0)).toBe('1970-01-01T00:00:00Z');
  });

  it('decodes multi-byte UTF-8 and long strings', () => {
    const long = `${'x'.repeat(60)}-ünïcødé-✓-𝄞`;
    const flow = decodedFlow(
      flowResponse((w) => {
        w.tag(100000, WireType.LengthDelimited).string('ü✓');
        w.tag(11, WireType.LengthDelimited).string(long);
      }),
    );
    expect(flow).toStrictEqual({ Summary: 'ü✓', node_name: long });
  });
});

describe('decodeGetFlowsResponse string handling', () => {
  it('decodes a message that sits at an offset inside a larger buffer', () => {
    const inner = flowResponse((w) => w.tag(11, WireType.LengthDelimited).string('node-at-offset-1234'));
    const outer = new Uint8Array(inner.length + 13);
    outer.set(inner, 7);
    expect(decodedFlow(outer.subarray(7, 7 + inner.length))).toStrictEqual({
      node_name: 'node-at-offset-1234',
    });
  });

  it('returns the right string when many strings share length, head and tail (same cache slot)', () => {
    for (let i = 0; i < 2000; i++) {
      const middle = i.toString(36).padStart(4, '0');
      const label = `k8s:app=${middle}-suffix!`;
      const flow = decodedFlow(
        flowResponse((w) =>
          w
            .tag(8, WireType.LengthDelimited)
            .bytes(message((e) => e.tag(4, WireType.LengthDelimited).string(label))),
        ),
      );
      expect(flow.source?.labels?.[0]).toBe(label);
    }
  });
});
