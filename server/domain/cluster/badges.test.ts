import { describe, expect, it } from 'vitest';
import {
  addBadge,
  addBadgeToAll,
  type Badge,
  badgesFor,
  createBadgeMap,
  finalizeBadges,
  mergeBadgeMaps,
} from './badges';

const warnCert: Badge = {
  type: 'certificate',
  severity: 'warning',
  message: 'expires in 9 days',
  ref: 'Certificate/a/x',
};
const critCert: Badge = {
  type: 'certificate',
  severity: 'critical',
  message: 'expired',
  ref: 'Certificate/a/x',
};
const node: Badge = { type: 'node', severity: 'warning', message: 'MemoryPressure', ref: 'Node/n1' };
const volume: Badge = {
  type: 'volume',
  severity: 'critical',
  message: 'faulted',
  ref: 'Volume/longhorn-system/v',
};

describe('badge map', () => {
  it('keeps one badge per (type, ref) per node, the more severe one winning', () => {
    const map = createBadgeMap();
    addBadge(map, 'a/web', warnCert);
    addBadge(map, 'a/web', critCert);
    addBadge(map, 'a/web', warnCert);
    expect(map.get('a/web')).toEqual([critCert]);
  });

  it('adds to many nodes and sorts: critical first, then node/volume/certificate, then ref', () => {
    const map = createBadgeMap();
    addBadgeToAll(map, ['b/api', 'a/web'], warnCert);
    addBadge(map, 'a/web', node);
    addBadge(map, 'a/web', volume);
    const out = finalizeBadges(map);
    expect([...out.keys()]).toEqual(['a/web', 'b/api']);
    expect(badgesFor(out, 'a/web')).toEqual([volume, node, warnCert]);
    expect(badgesFor(out, 'nope')).toEqual([]);
  });

  it('merges maps with the same de-duplication', () => {
    const a = createBadgeMap();
    addBadge(a, 'x/y', warnCert);
    const b = createBadgeMap();
    addBadge(b, 'x/y', critCert);
    addBadge(b, 'z/w', node);
    mergeBadgeMaps(a, b);
    expect(Object.fromEntries(a)).toEqual({ 'x/y': [critCert], 'z/w': [node] });
  });
});
