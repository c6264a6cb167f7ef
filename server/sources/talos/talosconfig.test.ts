import { describe, expect, it } from 'vitest';
import { parseTalosconfig, withTalosPort } from './talosconfig';

const b64 = (label: string) =>
  Buffer.from(`-----BEGIN ${label}-----\nAAAA\n-----END ${label}-----\n`).toString('base64');

const config = (context: string) => `context: ${context}
contexts:
  prod:
    endpoints: [10.0.0.2, "10.0.0.3:50001"]
    nodes:
      - 10.0.0.2
      - 10.0.0.5
    ca: ${b64('CERTIFICATE')}
    crt: ${b64('CERTIFICATE')}
    key: ${b64('ED25519 PRIVATE KEY')}
`;

describe('parseTalosconfig', () => {
  it('reads the current context with decoded PEMs', () => {
    const r = parseTalosconfig(config('prod'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.context.name).toBe('prod');
    expect(r.context.endpoints).toEqual(['10.0.0.2', '10.0.0.3:50001']);
    expect(r.context.nodes).toEqual(['10.0.0.2', '10.0.0.5']);
    expect(r.context.ca.toString()).toContain('-----BEGIN CERTIFICATE-----');
    expect(r.context.key.toString()).toContain('PRIVATE KEY');
  });

  it('names TALOSCONFIG and the missing context', () => {
    const r = parseTalosconfig(config('staging'));
    expect(r).toEqual({ ok: false, error: 'TALOSCONFIG: context "staging" not found (have: prod)' });
  });

  it('rejects a context without certificates, non-PEM data and non-YAML', () => {
    const noKey = config('prod').replace(/ {4}key: .*\n/, '');
    expect(parseTalosconfig(noKey)).toEqual({ ok: false, error: 'TALOSCONFIG: context "prod" has no key' });
    const notPem = config('prod').replace(/ca: .*/, `ca: ${Buffer.from('hello').toString('base64')}`);
    expect(parseTalosconfig(notPem)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/ca is not a base64 PEM/),
    });
    expect(parseTalosconfig('context: [')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^TALOSCONFIG: /),
    });
    expect(parseTalosconfig('context: a\n')).toMatchObject({
      ok: false,
      error: 'TALOSCONFIG: no contexts defined',
    });
  });

  it('adds port 50000 when missing', () => {
    expect(withTalosPort('10.0.0.2')).toBe('10.0.0.2:50000');
    expect(withTalosPort('cp.example:50001')).toBe('cp.example:50001');
    expect(withTalosPort('fd00::1')).toBe('[fd00::1]:50000');
    expect(withTalosPort('[fd00::1]:50000')).toBe('[fd00::1]:50000');
  });
});
