// Throwaway CA + server/client certificates made with the openssl CLI, for the demo Talos API and the
// TLS/mTLS tests (Talos, Relay).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const HAS_OPENSSL = spawnSync('openssl', ['version']).status === 0;

export interface TestPki {
  readonly file: (name: string) => Buffer;
  /** Where a made file is, for settings that take paths (HUBBLE_TLS_*). */
  readonly path: (name: string) => string;
  makeCa(name: string): void;
  makeLeaf(name: string, ca: string, ext: string): void;
  dispose(): void;
}

export function createTestPki(prefix = 'skymap-talos-'): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const run = (...args: string[]) => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  return {
    file: (name) => readFileSync(path.join(dir, name)),
    path: (name) => path.join(dir, name),
    makeCa(name) {
      run(
        'req',
        '-x509',
        ...ec,
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.crt`,
        '-days',
        '2',
        '-subj',
        `/CN=${name}`,
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      );
    },
    makeLeaf(name, ca, ext) {
      writeFileSync(path.join(dir, `${name}.ext`), ext);
      run('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
      run(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        `${ca}.crt`,
        '-CAkey',
        `${ca}.key`,
        '-CAcreateserial',
        '-out',
        `${name}.crt`,
        '-days',
        '2',
        '-extfile',
        `${name}.ext`,
      );
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
