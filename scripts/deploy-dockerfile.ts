// A small Dockerfile reader: enough of the syntax (stages, continuation lines, COPY/ENV/USER/CMD/
// WORKDIR) for tests to check the image definition and to rebuild the final stage's file set from a
// local build without a Docker engine. Not a general parser: heredocs and parser directives other than
// `# syntax=` are not supported, and anything it cannot read is an error rather than a guess.

export interface DockerInstruction {
  /** Upper-cased keyword: FROM, COPY, ENV… */
  readonly keyword: string;
  /** Everything after the keyword, continuation lines joined with a space. */
  readonly args: string;
  /** 1-based line where the instruction starts. */
  readonly line: number;
}

export interface DockerStage {
  readonly image: string;
  readonly name?: string;
  readonly instructions: readonly DockerInstruction[];
}

export interface DockerCopy {
  readonly from?: string;
  readonly sources: readonly string[];
  readonly dest: string;
  readonly chown?: string;
  readonly line: number;
}

export class DockerfileError extends Error {
  constructor(line: number, message: string) {
    super(`Dockerfile line ${line}: ${message}`);
    this.name = 'DockerfileError';
  }
}

/** Joins continuation lines and drops comments; returns instructions with their starting line. */
export function readInstructions(text: string): DockerInstruction[] {
  const out: DockerInstruction[] = [];
  const lines = text.split(/\r?\n/);
  let pending: { parts: string[]; line: number } | undefined;
  lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    // Docker skips comment lines and empty lines inside a continuation too.
    if (trimmed.startsWith('#') || trimmed === '') return;
    const continued = trimmed.endsWith('\\');
    const body = continued ? trimmed.slice(0, -1).trim() : trimmed;
    if (pending === undefined) pending = { parts: [], line: index + 1 };
    if (body !== '') pending.parts.push(body);
    if (continued) return;
    const joined = pending.parts.join(' ');
    const match = /^([A-Za-z]+)\s*(.*)$/.exec(joined);
    if (!match) throw new DockerfileError(pending.line, `cannot read instruction "${joined.slice(0, 40)}"`);
    out.push({ keyword: match[1]!.toUpperCase(), args: match[2] ?? '', line: pending.line });
    pending = undefined;
  });
  if (pending !== undefined) throw new DockerfileError(pending.line, 'continuation line never ends');
  return out;
}

/** Stages in order; ARGs before the first FROM are substituted into FROM lines (their defaults). */
export function parseDockerfile(text: string): DockerStage[] {
  const globalArgs = new Map<string, string>();
  const stages: { image: string; name?: string; instructions: DockerInstruction[] }[] = [];
  for (const instruction of readInstructions(text)) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const image = (words[0] ?? '').replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_whole, name: string) => {
        const value = globalArgs.get(name);
        if (value === undefined) throw new DockerfileError(instruction.line, `unknown ARG ${name} in FROM`);
        return value;
      });
      if (image === '') throw new DockerfileError(instruction.line, 'FROM without an image');
      const name = words[1]?.toUpperCase() === 'AS' ? words[2] : undefined;
      stages.push({ image, name, instructions: [] });
      continue;
    }
    const current = stages.at(-1);
    if (current === undefined) {
      if (instruction.keyword !== 'ARG') {
        throw new DockerfileError(instruction.line, `${instruction.keyword} before the first FROM`);
      }
      const [name, value] = instruction.args.split('=', 2);
      if (name && value !== undefined) globalArgs.set(name.trim(), unquote(value.trim()));
      continue;
    }
    current.instructions.push(instruction);
  }
  if (stages.length === 0) throw new DockerfileError(1, 'no FROM instruction');
  return stages;
}

export function finalStage(stages: readonly DockerStage[]): DockerStage {
  const last = stages.at(-1);
  if (last === undefined) throw new DockerfileError(1, 'no stages');
  return last;
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
    return value.slice(1, -1);
  }
  return value;
}

/** Shell-like words: quotes group (and are dropped); a backslash escapes the next character. */
function words(text: string, line: number): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word = (word ?? '') + text[++i]!;
      else word = (word ?? '') + c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i]!;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote !== undefined) throw new DockerfileError(line, `unbalanced quotes in "${text.slice(0, 40)}"`);
  if (word !== undefined) out.push(word);
  return out;
}

function jsonArray(text: string, line: number): string[] | undefined {
  if (!text.trim().startsWith('[')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DockerfileError(line, `invalid JSON array "${text.slice(0, 40)}"`);
  }
  if (!Array.isArray(parsed) || !parsed.every((v): v is string => typeof v === 'string')) {
    throw new DockerfileError(line, 'exec form must be a JSON array of strings');
  }
  return parsed;
}

export function stageCopies(stage: DockerStage): DockerCopy[] {
  return stage.instructions
    .filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')
    .map((i) => {
      if (i.keyword === 'ADD') throw new DockerfileError(i.line, 'use COPY, not ADD (no remote fetches)');
      const all = words(i.args, i.line);
      const flags = all.filter((w) => w.startsWith('--'));
      const rest = all.filter((w) => !w.startsWith('--'));
      const paths = jsonArray(i.args.replace(/^(--\S+\s+)*/, ''), i.line) ?? rest;
      if (paths.length < 2) throw new DockerfileError(i.line, 'COPY needs a source and a destination');
      const flag = (name: string) => flags.find((f) => f.startsWith(`--${name}=`))?.slice(name.length + 3);
      return {
        from: flag('from'),
        chown: flag('chown'),
        sources: paths.slice(0, -1),
        dest: paths.at(-1)!,
        line: i.line,
      };
    });
}

/** ENV values in order (later ones win), `$VAR`/`${VAR}` expanded from earlier ENV values only. */
export function stageEnv(stage: DockerStage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of stage.instructions) {
    if (i.keyword !== 'ENV') continue;
    const parts = words(i.args, i.line);
    const pairs: [string, string][] = parts[0]?.includes('=')
      ? parts.map((p) => {
          const eq = p.indexOf('=');
          if (eq <= 0) throw new DockerfileError(i.line, `expected KEY=value, got "${p}"`);
          return [p.slice(0, eq), p.slice(eq + 1)];
        })
      : [[parts[0] ?? '', parts.slice(1).join(' ')]];
    for (const [key, value] of pairs) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new DockerfileError(i.line, `bad ENV name "${key}"`);
      env[key] = value.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, name: string) => env[name] ?? '');
    }
  }
  return env;
}

function lastArgs(stage: DockerStage, keyword: string): DockerInstruction | undefined {
  return stage.instructions.filter((i) => i.keyword === keyword).at(-1);
}

/** The stage's working directory (absolute; later WORKDIRs relative to earlier ones). */
export function stageWorkdir(stage: DockerStage): string {
  let dir = '/';
  for (const i of stage.instructions) {
    if (i.keyword !== 'WORKDIR') continue;
    const value = i.args.trim();
    dir = value.startsWith('/') ? value : `${dir.replace(/\/$/, '')}/${value}`;
  }
  return dir;
}

export function stageUser(stage: DockerStage): string | undefined {
  return lastArgs(stage, 'USER')?.args.trim();
}

/** CMD in exec form (shell form is refused: it would run under /bin/sh as PID 1 and eat signals). */
export function stageCmd(stage: DockerStage): string[] | undefined {
  const cmd = lastArgs(stage, 'CMD');
  if (cmd === undefined) return undefined;
  const parsed = jsonArray(cmd.args, cmd.line);
  if (parsed === undefined) throw new DockerfileError(cmd.line, 'CMD must use the exec (JSON) form');
  return parsed;
}
