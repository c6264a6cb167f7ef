import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WireError, WireWriter } from './proto-wire';
import {
  decodeServiceListResponse,
  decodeVersionResponse,
  encodeServiceListResponse,
  encodeVersionResponse,
  type TalosServiceListResponse,
  type TalosVersionResponse,
} from './talos-codec';

const FIXTURE = path.resolve(
  __dirname,
  '../../../../shared/fixtures/k8s/nodes/talos-api-samples.reconstructed.json',
);
const samples = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;

describe('talos codec', () => {
  it('round-trips the fixture Version response', () => {
    const version = samples['machine.MachineService/Version'] as TalosVersionResponse;
    const decoded = decodeVersionResponse(encodeVersionResponse(version));
    expect(decoded).toEqual(version);
    expect(decoded.messages[0]?.version.tag).toBe('v1.11.2');
  });

  it('round-trips the fixture ServiceList response, including the failed extension', () => {
    const list = samples['machine.MachineService/ServiceList'] as TalosServiceListResponse;
    const decoded = decodeServiceListResponse(encodeServiceListResponse(list));
    expect(decoded).toEqual(list);
    const failed = decoded.messages[0]?.services.find((s) => s.id === 'ext-iscsid');
    expect(failed?.state).toBe('Failed');
    expect(failed?.health.last_message).toBe('Condition failed: exit status 1');
  });

  it('writes the upstream field numbers (VersionInfo.tag = 1 inside Version.version = 2)', () => {
    const bytes = encodeVersionResponse({
      messages: [{ version: { tag: 'v1', sha: '', built: '', go_version: '', os: '', arch: '' } }],
    });
    // messages(1, LEN) → Version; version(2, LEN) → VersionInfo; tag(1, LEN) "v1"
    expect([...bytes]).toEqual([0x0a, 6, 0x12, 4, 0x0a, 2, 0x76, 0x31]);
  });

  it('keeps fractional timestamps and skips unknown fields', () => {
    const list: TalosServiceListResponse = {
      messages: [
        {
          services: [
            {
              id: 'etcd',
              state: 'Running',
              events: { events: [] },
              health: {
                unknown: false,
                healthy: false,
                last_message: 'x',
                last_change: '2026-01-02T03:04:05.25Z',
              },
            },
          ],
        },
      ],
    };
    const extra = new WireWriter().string(99, 'future field').uint(98, 7).finish();
    const bytes = new Uint8Array([...encodeServiceListResponse(list), ...extra]);
    expect(decodeServiceListResponse(bytes)).toEqual(list);
  });

  it('rejects truncated bytes with a WireError', () => {
    const bytes = encodeVersionResponse(samples['machine.MachineService/Version'] as TalosVersionResponse);
    expect(() => decodeVersionResponse(bytes.subarray(0, bytes.length - 3))).toThrow(WireError);
  });
});
