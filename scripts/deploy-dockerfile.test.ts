import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAuthSettings } from '../server/auth/settings';
import {
  DockerfileError,
  finalStage,
  parseDockerfile,
  readInstructions,
  stageCmd,
  stageCopies,
  stageEnv,
  stageUser,
  stageWorkdir,
} from './deploy-dockerfile';
import {
  assembleImage,
  diffTrees,
  makeReadOnly,
  makeWritable,
  planImage,
  snapshotTree,
} from './deploy-image';

const ROOT = path.resolve(__dirname, '..');
// Dockerfile `${NAME}` references, written without tripping the template-literal lint.
const ref = (name: string) => `$${'{'}${name}}`;
const DOCKERFILE = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

describe('Dockerfile reader', () => {
  it('joins continuation lines, skips comments inside them and keeps the starting line', () => {
    const text = '# top\nFROM a AS b\nRUN one \\\n  # inside\n  two \\\n  three\n\nUSER 1\n';
    expect(readInstructions(text)).toEqual([
      { keyword: 'FROM', args: 'a AS b', line: 2 },
      { keyword: 'RUN', args: 'one two three', line: 3 },
      { keyword: 'USER', args: '1', line: 8 },
    ]);
  });

  it('substitutes global ARG defaults into FROM and names stages', () => {
    const stages = parseDockerfile(`ARG IMG=node:20\nFROM ${ref('IMG')} AS deps\nFROM $IMG\nWORKDIR /x\n`);
    expect(stages.map((s) => [s.image, s.name])).toEqual([
      ['node:20', 'deps'],
      ['node:20', undefined],
    ]);
    expect(stageWorkdir(finalStage(stages))).toBe('/x');
  });

  it('refuses what it cannot read instead of guessing', () => {
    expect(() => parseDockerfile('RUN x\nFROM a\n')).toThrow(/line 1: RUN before the first FROM/);
    expect(() => parseDockerfile(`FROM ${ref('NOPE')}\n`)).toThrow(/unknown ARG NOPE/);
    expect(() => parseDockerfile('# only a comment\n')).toThrow(DockerfileError);
    expect(() => readInstructions('FROM a\nRUN x \\\n')).toThrow(/never ends/);
    const shellCmd = parseDockerfile('FROM a\nCMD node server.js\n');
    expect(() => stageCmd(finalStage(shellCmd))).toThrow(/exec \(JSON\) form/);
    const add = parseDockerfile('FROM a\nADD https://x/y /y\n');
    expect(() => stageCopies(finalStage(add))).toThrow(/use COPY, not ADD/);
    const quotes = parseDockerfile('FROM a\nENV A="open\n');
    expect(() => stageEnv(finalStage(quotes))).toThrow(/unbalanced quotes/);
  });

  it('reads ENV in both forms, with quotes and expansion of earlier values', () => {
    const stage = finalStage(
      parseDockerfile(
        `FROM a\nENV A=1 B="two words" \\\n    C=${ref('A')}x\nENV LEGACY some value\nENV A=3\n`,
      ),
    );
    expect(stageEnv(stage)).toEqual({ A: '3', B: 'two words', C: '1x', LEGACY: 'some value' });
  });

  it('reads COPY flags, shell and JSON forms, WORKDIR, USER and CMD', () => {
    const stage = finalStage(
      parseDockerfile(
        'FROM a AS build\nFROM b\nWORKDIR /app\nWORKDIR sub\nCOPY --from=build --chown=1:1 /src/x ./\n' +
          'COPY ["a b", "c", "/app/d/"]\nUSER 10:20\nCMD ["node", "s.js"]\n',
      ),
    );
    expect(stageWorkdir(stage)).toBe('/app/sub');
    expect(stageCopies(stage)).toEqual([
      { from: 'build', chown: '1:1', sources: ['/src/x'], dest: './', line: 5 },
      { from: undefined, chown: undefined, sources: ['a b', 'c'], dest: '/app/d/', line: 6 },
    ]);
    expect(stageUser(stage)).toBe('10:20');
    expect(stageCmd(stage)).toEqual(['node', 's.js']);
  });
});

describe('the Skymap Dockerfile', () => {
  const stages = parseDockerfile(DOCKERFILE);
  const runtime = finalStage(stages);

  it('runs node server.js as a numeric non-root user', () => {
    expect(stageCmd(runtime)).toEqual(['node', 'server.js']);
    const user = stageUser(runtime) ?? '';
    expect(user).toMatch(/^\d+:\d+$/);
    expect(Number(user.split(':')[0])).toBeGreaterThan(0);
    expect(Number(user.split(':')[1])).toBeGreaterThan(0);
  });

  it('ships only build output in the final stage, on the same base image as the build', () => {
    const copies = stageCopies(runtime);
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy.from, `COPY on line ${copy.line}`).toBe('build');
    const build = stages.find((s) => s.name === 'build');
    // Native modules (sharp) are installed for the build image's libc; the runtime must match.
    expect(build?.image).toBe(runtime.image);
    expect(build?.instructions.some((i) => i.keyword === 'RUN' && /npm run build\b/.test(i.args))).toBe(true);
  });

  it('sets a production environment that binds beyond loopback and holds no secrets', () => {
    const env = stageEnv(runtime);
    expect(env).toMatchObject({ NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', TMPDIR: '/tmp' });
    expect(env.HOSTNAME).toBe('0.0.0.0');
    expect(env.SKYMAP_HOST).toBe(env.HOSTNAME);
    expect(env.PORT).toMatch(/^\d+$/);
    for (const key of Object.keys(env)) expect(key).not.toMatch(/TOKEN|SECRET|PASSWORD|KEY$/);
  });

  it('refuses to start without sign-in configured, since it listens beyond loopback', () => {
    const env = stageEnv(runtime);
    expect(() => parseAuthSettings(env)).toThrow(/SKYMAP_HOST.*not a loopback address/);
    expect(parseAuthSettings({ ...env, SKYMAP_AUTH_TOKEN: 'a'.repeat(64) }).bindHost).toBe('0.0.0.0');
  });

  it('maps its COPY lines onto a local build, including a custom dist dir', () => {
    const plan = planImage(DOCKERFILE, { repoRoot: '/repo', distDir: '.next-x' });
    expect(plan.workdir).toBe('/app');
    expect(plan.copies).toEqual([
      { from: '/repo/.next-x/standalone', to: '', intoDir: true },
      { from: '/repo/.next-x/static', to: '.next-x/static', intoDir: false },
    ]);
    expect(plan.user).toEqual({ uid: 10001, gid: 10001 });
  });
});

// .dockerignore semantics for the plain patterns used here: a pattern matches a path from the context
// root (Go filepath.Match per segment, ** for any depth), and excluding a directory excludes its files.
function ignored(patterns: readonly string[], file: string): boolean {
  const segment = (part: string) =>
    part
      .replace(/[.+^$()|{}[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]');
  const toRegex = (p: string) => new RegExp(`^${p.split('**').map(segment).join('.*')}$`);
  const segments = file.split('/');
  return patterns.some((p) => {
    const re = toRegex(p.replace(/^\/|\/$/g, ''));
    return segments.some((_, i) => re.test(segments.slice(0, i + 1).join('/')));
  });
}

describe('.dockerignore', () => {
  const patterns = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

  it('uses only plain patterns (no re-includes this check would misread)', () => {
    for (const p of patterns) expect(p.startsWith('!'), p).toBe(false);
  });

  it('keeps local builds, dependencies, git data and env files out of the build context', () => {
    for (const file of [
      'node_modules/next/package.json',
      '.next/BUILD_ID',
      '.next-deploy/x',
      '.git/HEAD',
      '.env',
    ]) {
      expect(ignored(patterns, file), file).toBe(true);
    }
  });

  it('keeps everything `npm run build` needs', () => {
    const needed = [
      'package.json',
      'package-lock.json',
      'next.config.js',
      'tsconfig.json',
      'instrumentation.ts',
      'scripts/assemble-standalone.mjs',
      'app/layout.tsx',
      'server/runtime/config.ts',
      'components/shell/nav-bar.tsx',
      'proto/README.md',
    ];
    for (const file of needed) expect(ignored(patterns, file), file).toBe(false);
  });
});

describe('image assembly from a build', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) {
      makeWritable(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('copies the final stage file set, makes it read-only and detects any write', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'skymap-image-unit-'));
    const repo = path.join(dir, 'repo');
    mkdirSync(path.join(repo, '.next-t/standalone/.next-t'), { recursive: true });
    mkdirSync(path.join(repo, '.next-t/static/chunks'), { recursive: true });
    writeFileSync(path.join(repo, '.next-t/standalone/server.js'), '// server\n');
    writeFileSync(path.join(repo, '.next-t/static/chunks/a.js'), '// chunk\n');
    const app = path.join(dir, 'app');
    const plan = planImage(DOCKERFILE, { repoRoot: repo, distDir: '.next-t' });
    assembleImage(plan, app);
    expect(readFileSync(path.join(app, 'server.js'), 'utf8')).toBe('// server\n');
    expect(readFileSync(path.join(app, '.next-t/static/chunks/a.js'), 'utf8')).toBe('// chunk\n');

    makeReadOnly(app);
    expect(statSync(path.join(app, 'server.js')).mode & 0o222).toBe(0);
    expect(statSync(path.join(app, '.next-t/static')).mode & 0o777).toBe(0o555);
    makeWritable(app);
    const before = snapshotTree(app);
    writeFileSync(path.join(app, 'new.txt'), 'x');
    writeFileSync(path.join(app, 'server.js'), '// modified, longer\n');
    expect(diffTrees(before, snapshotTree(app)).sort()).toEqual([
      'changed .',
      'changed server.js',
      'created new.txt',
    ]);
  });

  it('says which COPY source is missing when there is no build', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'skymap-image-unit-'));
    const plan = planImage(DOCKERFILE, { repoRoot: dir, distDir: '.next' });
    expect(() => assembleImage(plan, path.join(dir!, 'app'))).toThrow(/standalone does not exist/);
  });
});
