import { describe, expect, it } from 'vitest';
import { humanDuration } from './age';
import { evaluateJsonPath } from './json-path';
import { CERT_MANAGER_RESOURCES, CORE_RESOURCES } from './resource-catalog';
import { toTable, wantsTable } from './table';
import { certificate, node } from './test-fixtures';

const NOW = new Date('2026-03-01T12:00:00Z');

describe('humanDuration (kubectl AGE)', () => {
  it.each([
    [5_000, '5s'],
    [119_000, '119s'],
    [150_000, '2m30s'],
    [600_000, '10m'],
    [3 * 3600_000 + 5 * 60_000, '3h5m'],
    [10 * 3600_000, '10h'],
    [3 * 86400_000 + 4 * 3600_000, '3d4h'],
    [40 * 86400_000, '40d'],
    [(3 * 365 + 10) * 86400_000, '3y10d'],
  ])('%d ms → %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe('evaluateJsonPath', () => {
  const object = certificate('shop', 'web', 'True');

  it('selects fields, indexes and filters', () => {
    expect(evaluateJsonPath(object, '.spec.secretName')).toEqual(['web-tls']);
    expect(evaluateJsonPath(object, '.status.conditions[?(@.type=="Ready")].status')).toEqual(['True']);
    expect(evaluateJsonPath(object, '{.status.conditions[0].reason}')).toEqual(['Ready']);
    expect(evaluateJsonPath(object, '.status.conditions[*].type')).toEqual(['Ready']);
    expect(evaluateJsonPath(object, '.status.notAfter')).toEqual([]);
    expect(evaluateJsonPath(object, 'not a path')).toEqual([]);
  });
});

describe('server-side tables', () => {
  it('recognises kubectl Accept headers', () => {
    expect(wantsTable('application/json;as=Table;v=v1;g=meta.k8s.io,application/json')).toBe(true);
    expect(wantsTable('application/json')).toBe(false);
    expect(wantsTable(undefined)).toBe(false);
  });

  it('prints nodes like kubectl', () => {
    const nodes = CORE_RESOURCES.find((spec) => spec.plural === 'nodes');
    if (!nodes) throw new Error('nodes');
    const cordoned = node('cp-1', { spec: { unschedulable: true } });
    cordoned.metadata = {
      ...cordoned.metadata,
      creationTimestamp: '2026-02-28T12:00:00Z',
      labels: { 'node-role.kubernetes.io/control-plane': '' },
    };
    const table = toTable(nodes, [cordoned], { resourceVersion: '7' }, 'Metadata', NOW) as {
      rows: { cells: unknown[]; object: { kind: string } }[];
    };
    expect(table.rows[0]?.cells.slice(0, 5)).toEqual([
      'cp-1',
      'Ready,SchedulingDisabled',
      'control-plane',
      '24h',
      'v1.33.1',
    ]);
    expect(table.rows[0]?.object.kind).toBe('PartialObjectMetadata');
  });

  it('prints custom resources from their printer columns', () => {
    const certs = CERT_MANAGER_RESOURCES.find((spec) => spec.plural === 'certificates');
    if (!certs) throw new Error('certificates');
    const table = toTable(certs, [certificate('shop', 'web', 'False')], {}, 'None', NOW) as {
      columnDefinitions: { name: string }[];
      rows: { cells: unknown[]; object?: unknown }[];
    };
    expect(table.columnDefinitions.map((column) => column.name).slice(0, 3)).toEqual([
      'Name',
      'Ready',
      'Secret',
    ]);
    expect(table.rows[0]?.cells.slice(0, 3)).toEqual(['web', 'False', 'web-tls']);
    expect(table.rows[0]?.object).toBeUndefined();
  });
});
