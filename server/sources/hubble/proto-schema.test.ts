// Checks proto/api/v1 against the machine-extracted upstream tables in
// ../shared/hubble/api-facts.md (§8 messages, §9 enums): every message, field number, type,
// label, oneof, json_name, reserved range and enum value. The descriptors come from `buf build`,
// i.e. exactly what protoc-compatible tooling (and so a real Relay peer) sees.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../../..');
const FACTS = path.resolve(REPO, '../shared/hubble/api-facts.md');

interface FieldDescriptor {
  name: string;
  number: number;
  label: string;
  type: string;
  typeName?: string;
  oneofIndex?: number;
  jsonName: string;
}
interface MessageDescriptor {
  name: string;
  field?: FieldDescriptor[];
  nestedType?: MessageDescriptor[];
  enumType?: EnumDescriptor[];
  oneofDecl?: { name: string }[];
  reservedRange?: { start: number; end: number }[];
}
interface EnumDescriptor {
  name: string;
  value: { name: string; number: number }[];
  reservedRange?: { start: number; end: number }[];
}
interface FileDescriptor {
  name: string;
  package: string;
  messageType?: MessageDescriptor[];
  enumType?: EnumDescriptor[];
}

function descriptors(): { messages: Map<string, MessageDescriptor>; enums: Map<string, EnumDescriptor> } {
  const buf = path.join(REPO, 'node_modules/.bin/buf');
  const json = execFileSync(buf, ['build', '-o', '-#format=json'], {
    cwd: path.join(REPO, 'proto'),
  }).toString();
  const files = (JSON.parse(json) as { file: FileDescriptor[] }).file.filter(
    (f) => !f.package.startsWith('google'),
  );
  const messages = new Map<string, MessageDescriptor>();
  const enums = new Map<string, EnumDescriptor>();
  const walk = (prefix: string, ms: MessageDescriptor[] = [], es: EnumDescriptor[] = []) => {
    for (const e of es) enums.set(`${prefix}.${e.name}`, e);
    for (const m of ms) {
      messages.set(`${prefix}.${m.name}`, m);
      walk(`${prefix}.${m.name}`, m.nestedType, m.enumType);
    }
  };
  for (const f of files) walk(f.package, f.messageType, f.enumType);
  return { messages, enums };
}

const SCALARS: Record<string, string> = {
  TYPE_STRING: 'string',
  TYPE_BOOL: 'bool',
  TYPE_UINT32: 'uint32',
  TYPE_INT32: 'int32',
  TYPE_UINT64: 'uint64',
  TYPE_INT64: 'int64',
  TYPE_DOUBLE: 'double',
};

/** "`1`; `12`; `17, 18`" or "`1 to 3`" -> [1, 12, 17, 18] / [1, 2, 3]. */
function reservedNumbers(text: string | undefined): number[] {
  if (text === undefined) return [];
  return text
    .replace(/`/g, '')
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((part) => {
      const [from, to] = part.split(/\s+to\s+/).map(Number);
      const out: number[] = [];
      for (let n = from!; n <= (to ?? from!); n++) out.push(n);
      return out;
    });
}

function rows(body: string): string[][] {
  return body
    .split('\n')
    .filter((l) => /^\| *-?\d+ *\|/.test(l))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim().replace(/`/g, '')),
    );
}

describe('proto/api/v1 matches the upstream Hubble API tables', () => {
  const facts = readFileSync(FACTS, 'utf8');
  const { messages, enums } = descriptors();

  it('declares exactly the documented messages, fields and json names', () => {
    const documented = new Set<string>();
    let fields = 0;
    for (const m of facts.matchAll(/#### message `([\w.]+)`[^\n]*\n\n([\s\S]*?)(?=\n#### |\n### |\n## )/g)) {
      const [, name, body] = m as unknown as [string, string, string];
      documented.add(name);
      const desc = messages.get(name);
      expect(desc, name).toBeDefined();
      const actual = (desc?.field ?? []).map((f) => ({
        number: f.number,
        name: f.name,
        jsonName: f.jsonName,
        type: SCALARS[f.type] ?? f.typeName?.replace(/^\./, ''),
        repeated: f.label === 'LABEL_REPEATED',
        oneof: f.oneofIndex === undefined ? '' : (desc?.oneofDecl?.[f.oneofIndex]?.name ?? '?'),
      }));
      const expected = rows(body).map(([num, fname, json, type, label, oneof]) => ({
        number: Number(num),
        name: fname,
        jsonName: json,
        type,
        repeated: label === 'repeated',
        oneof,
      }));
      fields += expected.length;
      const byNumber = (a: { number: number }, b: { number: number }) => a.number - b.number;
      expect(actual.sort(byNumber), name).toEqual(expected.sort(byNumber));
      const reserved = (desc?.reservedRange ?? []).flatMap((r) =>
        Array.from({ length: r.end - r.start }, (_, i) => r.start + i),
      );
      expect(reserved, `${name} reserved`).toEqual(reservedNumbers(/[Rr]eserved: ([^\n]*)/.exec(body)?.[1]));
    }
    expect([...messages.keys()].sort()).toEqual([...documented].sort());
    expect(fields).toBe(315);
  });

  it('declares exactly the documented enums and values', () => {
    let values = 0;
    const documented = new Set<string>();
    for (const m of facts.matchAll(/#### enum `([\w.]+)`\n\n([\s\S]*?)(?=\n#### |\n## )/g)) {
      const [, name, body] = m as unknown as [string, string, string];
      documented.add(name);
      const desc = enums.get(name);
      expect(desc, name).toBeDefined();
      const expected = rows(body).map(([num, vname]) => [vname, Number(num)]);
      values += expected.length;
      expect(desc?.value.map((v) => [v.name, v.number]).sort(), name).toEqual(expected.sort());
      // Enum reserved ranges are inclusive in descriptors.
      const reserved = (desc?.reservedRange ?? []).flatMap((r) =>
        Array.from({ length: r.end - r.start + 1 }, (_, i) => r.start + i),
      );
      expect(reserved, `${name} reserved`).toEqual(reservedNumbers(/Reserved: ([^\n]*)/.exec(body)?.[1]));
    }
    expect([...enums.keys()].sort()).toEqual([...documented].sort());
    expect(values).toBe(239);
  });
});
