import { describe, expect, it } from 'vitest';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors';
import { pod } from './test-fixtures';

function labelsMatch(selector: string, labels: Record<string, string>): boolean {
  const parsed = parseLabelSelector(selector);
  if (!parsed.ok) throw new Error(parsed.error);
  return matchesLabels(labels, parsed.value);
}

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'frontend', 'app.kubernetes.io/name': 'shop', replicas: '3' };

  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app=api', false],
    ['app!=api', true],
    ['app!=web', false],
    ['missing!=x', true],
    ['app in (api, web)', true],
    ['app in (api)', false],
    ['tier notin (backend,db)', true],
    ['tier notin (frontend)', false],
    ['app.kubernetes.io/name', true],
    ['!app.kubernetes.io/name', false],
    ['!missing', true],
    ['missing', false],
    ['app=web,tier in (frontend),!missing', true],
    ['app=web,tier=backend', false],
    ['replicas>2', true],
    ['replicas<2', false],
  ])('%s → %s', (selector, expected) => {
    expect(labelsMatch(selector, labels)).toBe(expected);
  });

  it('rejects malformed selectors with a readable error', () => {
    for (const bad of ['app in (', '=web', 'app=we b', 'a b c', 'replicas>x']) {
      const parsed = parseLabelSelector(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/unable to parse labelSelector/);
    }
  });
});

describe('field selectors', () => {
  const object = pod('shop', 'web-1');

  it.each([
    ['metadata.name=web-1', true],
    ['metadata.name==web-1', true],
    ['metadata.name!=web-1', false],
    ['metadata.namespace=shop,metadata.name=web-1', true],
    ['metadata.namespace=payments', false],
    ['spec.nodeName=n1', true],
    ['status.phase!=Running', false],
  ])('%s → %s', (selector, expected) => {
    const parsed = parseFieldSelector(selector);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(matchesFields(object, parsed.value)).toBe(expected);
  });

  it('rejects requirements without an operator', () => {
    expect(parseFieldSelector('metadata.name').ok).toBe(false);
  });
});
