import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import { decodeGetFlowsResponse, WireDecodeError } from './decode-flow-response';
import { encodeGetFlowsResponse } from './encode-flow-response';
import { HAND_BUILT_EVENTS } from './flow-samples';

function message(build: (w: BinaryWriter) => void): Uint8Array {
  const w = new BinaryWriter();
  build(w);
  return w.finish();
}

function bytes(...values: number[]): Uint8Array {
  return new Uint8Array(values);
}

/** Either a decoded event or a WireDecodeError; anything else fails the test. */
function outcome(input: Uint8Array): 'ok' | 'error' {
  try {
    decodeGetFlowsResponse(input);
    return 'ok';
  } catch (e) {
    if (e instanceof WireDecodeError) return 'error';
    throw e;
  }
}

function expectWireError(input: Uint8Array, pattern: RegExp): void {
  expect(() => decodeGetFlowsResponse(input)).toThrow(WireDecodeError);
  expect(() => decodeGetFlowsResponse(input)).toThrow(pattern);
}

// Deterministic PRNG (mulberry32) so failures are reproducible.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAMPLE = encodeGetFlowsResponse(HAND_BUILT_EVENTS[0]!);

describe('decodeGetFlowsResponse on malformed input', () => {
  it('rejects an empty message (no oneof member)', () => {
    expectWireError(new Uint8Array(), /none of flow, node_status, lost_events/);
    expectWireError(
      message((w) => w.tag(1000, WireType.LengthDelimited).string('n')),
      /none of/,
    );
  });

  it('every truncation of a real message decodes or throws WireDecodeError, and cutting the last byte throws', () => {
    const results = new Set<string>();
    for (let n = 0; n < SAMPLE.length; n++) results.add(outcome(SAMPLE.subarray(0, n)));
    expect(results.has('error')).toBe(true);
    expectWireError(SAMPLE.subarray(0, SAMPLE.length - 1), /truncated|exceeds/);
  });

  it('rejects bad varints', () => {
    expectWireError(
      bytes(0x28, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01),
      /longer than 10/,
    );
    expectWireError(bytes(0x28, 0xff, 0xff), /truncated varint/);
    expectWireError(
      bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
      /longer than 10/,
    );
  });

  it('rejects known fields with the wrong wire type, at every level', () => {
    expectWireError(bytes(0x08, 0x01), /field 1 has wrong wire type 0/);
    expectWireError(
      message((w) => w.tag(1000, WireType.Varint).uint32(1)),
      /field 1000 has wrong wire type/,
    );
    const flow = (build: (w: BinaryWriter) => void) =>
      message((w) => w.tag(1, WireType.LengthDelimited).bytes(message(build)));
    expectWireError(
      flow((f) => f.tag(2, WireType.LengthDelimited).string('DROPPED')),
      /field 2 has wrong wire type 2/,
    );
    expectWireError(
      flow((f) =>
        f.tag(8, WireType.LengthDelimited).bytes(message((e) => e.tag(4, WireType.Varint).uint32(3))),
      ),
      /field 4 has wrong wire type 0/,
    );
    expectWireError(
      flow((f) => f.tag(26, WireType.Bit32).fixed32(1)),
      /field 26 has wrong wire type 5/,
    );
  });

  it('rejects invalid wire types, field number 0 and stray end-groups', () => {
    expectWireError(bytes(0x0e), /invalid wire type 6/);
    expectWireError(bytes(0x0f), /invalid wire type 7/);
    expectWireError(bytes(0x02, 0x00), /field number 0/);
    expectWireError(bytes(0x2c), /unexpected end-group/);
    expectWireError(bytes(0x2b, 0x08, 0x01), /unterminated group/);
    expectWireError(bytes(0x2b, 0x34), /mismatched end-group/);
  });

  it('rejects lengths past the buffer and sub-messages overrunning their parent', () => {
    expectWireError(bytes(0x0a, 0x05, 0x10, 0x01), /length 5 exceeds remaining 2/);
    // flow(len 4) { source(len 10) ... } followed by enough bytes to satisfy the outer buffer.
    const overrun = bytes(0x0a, 0x04, 0x42, 0x0a, 0x2a, 0x01, 0x61, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    expectWireError(overrun, /length 10 exceeds remaining 2/);
  });

  it('rejects timestamps protojson cannot print', () => {
    const ts = (seconds: number, nanos: number) =>
      message((w) => {
        w.tag(1, WireType.LengthDelimited).bytes(new Uint8Array());
        w.tag(1001, WireType.LengthDelimited).bytes(
          message((t) => t.tag(1, WireType.Varint).int64(seconds).tag(2, WireType.Varint).int32(nanos)),
        );
      });
    expectWireError(ts(0, 1_000_000_000), /timestamp out of range/);
    expectWireError(ts(0, -1), /timestamp out of range/);
    expectWireError(ts(253402300800, 0), /timestamp out of range/);
    expect(outcome(ts(253402300799, 999_999_999))).toBe('ok');
  });

  it('random bytes never escape as anything but WireDecodeError (and never hang)', () => {
    const next = rng(42);
    let errors = 0;
    for (let i = 0; i < 5000; i++) {
      const input = new Uint8Array(1 + Math.floor(next() * 64));
      for (let j = 0; j < input.length; j++) input[j] = Math.floor(next() * 256);
      if (outcome(input) === 'error') errors++;
    }
    expect(errors).toBeGreaterThan(0);
  });

  it('randomly corrupted real messages never escape as anything but WireDecodeError', () => {
    const next = rng(7);
    const outcomes = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const input = SAMPLE.slice();
      const flips = 1 + Math.floor(next() * 4);
      for (let k = 0; k < flips; k++) input[Math.floor(next() * input.length)] = Math.floor(next() * 256);
      outcomes.add(outcome(input));
    }
    expect(outcomes.has('error')).toBe(true);
  });
});
