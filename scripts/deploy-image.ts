// Rebuilds the Dockerfile's final stage from a local `npm run build` without a Docker engine: which
// files the image gets (its COPY lines), where (WORKDIR), with which environment (ENV), as which user
// (USER) and command (CMD). e2e/standalone-image.spec.ts starts the result read-only, as the image runs.
import { chmodSync, cpSync, existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  type DockerStage,
  finalStage,
  parseDockerfile,
  stageCmd,
  stageCopies,
  stageEnv,
  stageUser,
  stageWorkdir,
} from './deploy-dockerfile';

export interface ImageCopy {
  /** Absolute path on this machine (the build output or the repository). */
  readonly from: string;
  /** Path relative to the image's WORKDIR. */
  readonly to: string;
  /** COPY into a directory (`dest/`): the source keeps its base name. */
  readonly intoDir: boolean;
}

export interface ImagePlan {
  readonly workdir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly cmd: readonly string[];
  readonly user?: { readonly uid: number; readonly gid: number };
  readonly copies: readonly ImageCopy[];
}

export interface PlanOptions {
  readonly repoRoot: string;
  /** The local dist dir (SKYMAP_DIST_DIR); the image always builds into `.next`. */
  readonly distDir: string;
}

// `.next/standalone/.next/static` → `<distDir>/standalone/<distDir>/static`.
function mapDist(relative: string, distDir: string): string {
  return relative
    .split('/')
    .map((segment) => (segment === '.next' ? distDir : segment))
    .join('/');
}

function relativeTo(dir: string, absolute: string, what: string): string {
  const rel = path.posix.relative(dir, absolute);
  if (rel.startsWith('..')) throw new Error(`${what} "${absolute}" is outside ${dir}`);
  return rel;
}

function parseUser(value: string | undefined): ImagePlan['user'] {
  if (value === undefined) return undefined;
  const match = /^(\d+)(?::(\d+))?$/.exec(value);
  // A user name cannot be verified as non-root by the kubelet (runAsNonRoot) and cannot be mapped
  // here without the image's /etc/passwd: insist on numeric ids.
  if (!match) throw new Error(`USER must be numeric uid[:gid], got "${value}"`);
  const uid = Number(match[1]);
  return { uid, gid: match[2] === undefined ? uid : Number(match[2]) };
}

export function planImage(dockerfile: string, options: PlanOptions): ImagePlan {
  const stages = parseDockerfile(dockerfile);
  const last = finalStage(stages);
  const workdir = stageWorkdir(last);
  const stageByName = new Map<string, DockerStage>();
  for (const stage of stages) if (stage.name) stageByName.set(stage.name, stage);
  const copies = stageCopies(last).flatMap((copy) => {
    const source = copy.from === undefined ? undefined : stageByName.get(copy.from);
    if (copy.from !== undefined && source === undefined) {
      throw new Error(`COPY --from=${copy.from} (line ${copy.line}) names no stage of this Dockerfile`);
    }
    // Inside a build stage the repository lives at that stage's WORKDIR.
    const sourceRoot = source ? stageWorkdir(source) : '/';
    const dest = path.posix.resolve(workdir, copy.dest);
    const to = relativeTo(workdir, dest, `COPY destination (line ${copy.line})`);
    return copy.sources.map((src) => {
      const inRepo = source
        ? relativeTo(sourceRoot, path.posix.resolve(sourceRoot, src), 'COPY source')
        : src;
      return {
        from: path.join(options.repoRoot, mapDist(inRepo, options.distDir)),
        to: mapDist(to, options.distDir),
        intoDir: copy.dest.endsWith('/') || copy.dest === '.',
      };
    });
  });
  const cmd = stageCmd(last);
  if (cmd === undefined) throw new Error('the final stage has no CMD');
  return { workdir, env: stageEnv(last), cmd, user: parseUser(stageUser(last)), copies };
}

/** Copies the plan's files into `appDir` (the image's WORKDIR); missing sources are an error. */
export function assembleImage(plan: ImagePlan, appDir: string): void {
  for (const copy of plan.copies) {
    if (!existsSync(copy.from)) throw new Error(`COPY source ${copy.from} does not exist (build first)`);
    const isDir = statSync(copy.from).isDirectory();
    const target = path.join(appDir, copy.to, !isDir && copy.intoDir ? path.basename(copy.from) : '');
    cpSync(copy.from, target, { recursive: true, verbatimSymlinks: true });
  }
}

function walk(dir: string, visit: (file: string, isDir: boolean) => void): void {
  visit(dir, true);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file, visit);
    else visit(file, false);
  }
}

/** Strips every write bit (like root-owned image layers seen by a non-root user); keeps read/exec. */
export function makeReadOnly(dir: string): void {
  const files: { file: string; mode: number }[] = [];
  walk(dir, (file) => {
    const stat = lstatSync(file);
    if (!stat.isSymbolicLink()) files.push({ file, mode: stat.mode & 0o7777 });
  });
  // Children first, so a directory is still writable while its entries change.
  for (const { file, mode } of files.reverse()) chmodSync(file, (mode & ~0o222) | 0o444);
}

/** Undo makeReadOnly so the folder can be deleted. */
export function makeWritable(dir: string): void {
  if (!existsSync(dir)) return;
  chmodSync(dir, 0o755);
  walk(dir, (file, isDir) => {
    if (!lstatSync(file).isSymbolicLink()) chmodSync(file, isDir ? 0o755 : 0o644);
  });
}

/** path → "size mtime mode" for every entry: compare two snapshots to prove nothing was written. */
export function snapshotTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  walk(dir, (file) => {
    const stat = lstatSync(file);
    out.set(
      path.relative(dir, file) || '.',
      `${stat.size} ${stat.mtimeMs} ${(stat.mode & 0o7777).toString(8)}`,
    );
  });
  return out;
}

export function diffTrees(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const changes: string[] = [];
  for (const [file, sig] of after) {
    const was = before.get(file);
    if (was === undefined) changes.push(`created ${file}`);
    else if (was !== sig) changes.push(`changed ${file}`);
  }
  for (const file of before.keys()) if (!after.has(file)) changes.push(`deleted ${file}`);
  return changes;
}
