import { describe, expect, it } from 'vitest';
import { namespacesFor, parseScopes, ScopesError } from './scopes';

const FILE = `# who sees what
default: [public-docs]
users:
  alice@example.com: ["*"]
  bob@example.com: [shop, payments, shop]
  carol: []
groups:
  sre: ['*']
  team-shop: [shop, shop-staging]
  team-pay:
    - payments
`;

function errorOf(text: string): ScopesError {
  try {
    parseScopes(text);
  } catch (err) {
    if (err instanceof ScopesError) return err;
    throw err;
  }
  throw new Error('expected a ScopesError');
}

describe('parseScopes', () => {
  it('reads users, groups and default', () => {
    const rules = parseScopes(FILE);
    expect(rules.default).toEqual(['public-docs']);
    expect(rules.users.get('alice@example.com')).toBe('all');
    expect(rules.users.get('bob@example.com')).toEqual(['payments', 'shop']);
    expect(rules.users.get('carol')).toEqual([]);
    expect(rules.groups.get('sre')).toBe('all');
    expect(rules.groups.get('team-pay')).toEqual(['payments']);
  });

  it('defaults to no namespaces and allows empty sections', () => {
    const rules = parseScopes('users:\ngroups:\n  ops: [monitoring]\n');
    expect(rules.default).toEqual([]);
    expect(rules.users.size).toBe(0);
  });

  it('names the line of each mistake', () => {
    expect(errorOf('users:\n  bob: [shop]\n  eve: [Bad_NS]\n').message).toBe(
      'line 3: users.eve: "Bad_NS" is not a namespace name',
    );
    expect(errorOf('users:\n  bob: shop\n').message).toMatch(
      /^line 2: users\.bob: expected a list of namespaces/,
    );
    expect(errorOf('groups:\n  a: [x]\nteams:\n  b: [y]\n').message).toBe(
      'line 3: unknown key "teams" (expected users, groups or default)',
    );
    expect(errorOf('users:\n  bob: [shop]\n  bob: [payments]\n').message).toMatch(/^line 3: not valid YAML/);
    expect(errorOf('users: [a, b]\n').message).toMatch(/^line 1: users: expected a mapping/);
    expect(errorOf('users:\n  bob: [shop, [x]]\n').message).toMatch(
      /^line 2: users\.bob: every entry must be/,
    );
    expect(errorOf('users:\n  bob: [shop\n').line).toBeGreaterThanOrEqual(2);
    expect(errorOf('').message).toMatch(/^line 1: the file is empty/);
    expect(errorOf('- a\n- b\n').message).toMatch(/^line 1: expected a mapping/);
    expect(errorOf(`users:\n  ${'x'.repeat(300)}: [a]\n`).message).toMatch(
      /^line 2: users: expected a non-empty name/,
    );
  });
});

describe('namespacesFor', () => {
  const rules = parseScopes(FILE);

  it('unions the user entry with every matching group', () => {
    expect(namespacesFor(rules, 'bob@example.com', ['team-shop'])).toEqual([
      'payments',
      'shop',
      'shop-staging',
    ]);
    expect(namespacesFor(rules, 'dave', ['team-shop', 'team-pay'])).toEqual([
      'payments',
      'shop',
      'shop-staging',
    ]);
  });

  it('gives all namespaces when any entry says *', () => {
    expect(namespacesFor(rules, 'bob@example.com', ['sre'])).toBe('all');
    expect(namespacesFor(rules, 'alice@example.com', [])).toBe('all');
  });

  it('uses default only when nothing matches, and an empty entry still matches', () => {
    expect(namespacesFor(rules, 'stranger', ['unknown-group'])).toEqual(['public-docs']);
    expect(namespacesFor(rules, null, [])).toEqual(['public-docs']);
    expect(namespacesFor(rules, 'carol', [])).toEqual([]);
    expect(namespacesFor(parseScopes('users:\n  a: [x]\n'), 'b', [])).toEqual([]);
  });
});
