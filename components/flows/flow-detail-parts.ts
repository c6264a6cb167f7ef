// Building blocks of the drawer's model: a value (optionally carrying the filter it stands for), a
// labelled row of values, a titled section, and helpers that skip what a flow does not have.
import type { FilterField } from '../../server/domain/flow-filter';

export interface DetailValue {
  readonly text: string;
  readonly filter?: { readonly field: FilterField; readonly value: string };
  readonly hint?: string;
}

export interface DetailRow {
  readonly label: string;
  readonly values: readonly DetailValue[];
  /** Long lists (labels, headers) render one per line. */
  readonly list?: boolean;
}

export interface DetailSection {
  readonly title: string;
  readonly rows: readonly DetailRow[];
}

type RowInput = readonly [
  label: string,
  values: readonly DetailValue[] | DetailValue | undefined,
  list?: boolean,
];

export function rows(inputs: readonly RowInput[]): DetailRow[] {
  const out: DetailRow[] = [];
  for (const [label, raw, list] of inputs) {
    const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw as DetailValue];
    // Same text twice (repeated headers, labels) adds nothing and would collide as a React key.
    const seen = new Set<string>();
    const shown = values.filter((v) => v.text !== '' && !seen.has(v.text) && seen.add(v.text));
    if (shown.length > 0) out.push({ label, values: shown, ...(list ? { list } : {}) });
  }
  return out;
}

export const plain = (text: string | number | boolean | undefined): DetailValue | undefined =>
  text === undefined ? undefined : { text: String(text) };

export const filtered = (
  text: string | number | undefined,
  field: FilterField,
  value: string | number | undefined = text,
): DetailValue | undefined =>
  text === undefined || value === undefined
    ? undefined
    : { text: String(text), filter: { field, value: String(value) } };
