import { describe, expect, it } from 'vitest';
import { FlowFilter, Verdict } from '../../../proto/gen/flow/flow';
import { fromProtoFlowFilter, RelayFilterError, toProtoFlowFilter } from './relay-filter';
import type { RelayFlowFilter } from './relay-types';

describe('toProtoFlowFilter', () => {
  it('maps proto names and enum names onto the generated message', () => {
    const f = toProtoFlowFilter({
      source_pod: ['shop/'],
      verdict: ['DROPPED', 'FORWARDED'],
      destination_port: ['53'],
      event_type: [{ type: 129 }, { type: 4, sub_type: 0 }],
      reply: [false],
      source_identity: [256],
      tcp_flags: [{ SYN: true }],
      drop_reason_desc: ['POLICY_DENIED', '206'],
    });
    expect(f.sourcePod).toEqual(['shop/']);
    expect(f.verdict).toEqual([Verdict.DROPPED, Verdict.FORWARDED]);
    expect(f.destinationPort).toEqual(['53']);
    expect(f.eventType).toEqual([
      { type: 129, matchSubType: false, subType: 0 },
      { type: 4, matchSubType: true, subType: 0 },
    ]);
    expect(f.reply).toEqual([false]);
    expect(f.sourceIdentity).toEqual([256]);
    expect(f.tcpFlags[0]?.SYN).toBe(true);
    expect(f.tcpFlags[0]?.ACK).toBe(false);
    expect(f.dropReasonDesc).toEqual([133, 206]);
    // The generated encoder accepts it: proves every field has the right runtime type.
    expect(FlowFilter.decode(FlowFilter.encode(f).finish())).toEqual(f);
  });

  it('names the bad key for unknown fields, enum names and wrong types', () => {
    expect(() =>
      toProtoFlowFilter({ source_podd: ['x'] } as unknown as RelayFlowFilter, 'whitelist[1]'),
    ).toThrow(/whitelist\[1\]\.source_podd: unknown FlowFilter field/);
    expect(() => toProtoFlowFilter({ verdict: ['NOPE'] })).toThrow(
      /filter\.verdict: unknown flow.Verdict "NOPE"/,
    );
    expect(() => toProtoFlowFilter({ source_pod: 'shop/' } as unknown as RelayFlowFilter)).toThrow(
      RelayFilterError,
    );
    expect(() => toProtoFlowFilter({ source_identity: [-1] })).toThrow(/source_identity\[0\]/);
    expect(() => toProtoFlowFilter({ ip_trace_id: ['12a'] })).toThrow(/ip_trace_id/);
    expect(() => toProtoFlowFilter(null as unknown as RelayFlowFilter)).toThrow(/expected an object/);
  });
});

describe('fromProtoFlowFilter', () => {
  it('round-trips through the generated message', () => {
    const filter: RelayFlowFilter = {
      uuid: ['u'],
      source_label: ['k8s:app=web'],
      destination_fqdn: ['*.example.com'],
      traffic_direction: ['EGRESS'],
      verdict: ['DROPPED'],
      ip_version: ['IPv6'],
      event_type: [{ type: 4, match_sub_type: true, sub_type: 3 }, { type: 129 }],
      http_header: [{ key: 'x', value: 'y' }],
      source_workload: [{ name: 'web', kind: 'Deployment' }],
      interface: [{ index: 2, name: 'eth0' }],
      tcp_flags: [{ SYN: true, ACK: true }],
      encrypted: [true],
      ip_trace_id: ['18446744073709551615'],
      experimental: { cel_expression: ['true'] },
    };
    const proto = toProtoFlowFilter(filter);
    const back = fromProtoFlowFilter(FlowFilter.decode(FlowFilter.encode(proto).finish()));
    expect(back).toEqual(filter);
  });

  it('omits empty lists and prints unknown enum numbers as strings', () => {
    const f = FlowFilter.create({ verdict: [42 as Verdict] });
    expect(fromProtoFlowFilter(f)).toEqual({ verdict: ['42'] });
    expect(fromProtoFlowFilter(FlowFilter.create())).toEqual({});
  });
});
