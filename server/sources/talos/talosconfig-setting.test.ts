// TALOSCONFIG validation at start-up: one line naming the setting, the file and what is wrong.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../runtime/config';

const dir = mkdtempSync(path.join(tmpdir(), 'skymap-talosconfig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pem = Buffer.from('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n').toString('base64');

describe('TALOSCONFIG setting', () => {
  it('is optional and accepted when valid', () => {
    expect(loadConfig({}).talosconfig).toBeUndefined();
    const file = path.join(dir, 'ok');
    writeFileSync(
      file,
      `context: a\ncontexts:\n  a:\n    endpoints: [10.0.0.2]\n    ca: ${pem}\n    crt: ${pem}\n    key: ${pem}\n`,
    );
    expect(loadConfig({ TALOSCONFIG: file }).talosconfig).toBe(file);
  });

  it('names the setting for a missing file or a missing context', () => {
    expect(() => loadConfig({ TALOSCONFIG: path.join(dir, 'nope') })).toThrow(
      /^TALOSCONFIG: cannot read file/,
    );
    const file = path.join(dir, 'bad');
    writeFileSync(file, 'context: b\ncontexts:\n  a:\n    endpoints: [x]\n');
    expect(() => loadConfig({ TALOSCONFIG: file })).toThrow(
      `TALOSCONFIG: "${file}": context "b" not found (have: a)`,
    );
  });
});
