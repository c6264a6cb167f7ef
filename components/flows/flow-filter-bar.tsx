'use client';
// Filter chips (one per term; values inside a chip are alternatives) and the form to add one:
// field, value, "not". Time bounds and the history size sit beside them.
import { type FormEvent, useEffect, useId, useState } from 'react';
import type { FilterField, FilterTerm } from '../../server/domain/flow-filter';
import { FIELD_GROUPS, fieldSpec } from './filter-fields';
import { termLabel } from './flow-url-state';
import styles from './flows.module.css';

export interface FlowFilterBarProps {
  readonly terms: readonly FilterTerm[];
  readonly since?: string;
  readonly until?: string;
  /** Values seen in the current rows, offered as suggestions (namespaces, nodes, …). */
  readonly suggestions: Partial<Record<FilterField, readonly string[]>>;
  readonly onAdd: (field: FilterField, value: string, negate: boolean) => string | undefined;
  readonly onRemove: (index: number) => void;
  readonly onToggleNegate: (index: number) => void;
  readonly onTime: (since: string | undefined, until: string | undefined) => string | undefined;
  readonly onClear: () => void;
}

export function FlowFilterBar(props: FlowFilterBarProps) {
  const { terms, suggestions } = props;
  const [field, setField] = useState<FilterField>('namespace');
  const [value, setValue] = useState('');
  const [negate, setNegate] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [since, setSince] = useState(props.since ?? '');
  const [until, setUntil] = useState(props.until ?? '');
  const listId = useId();
  // The URL is the truth: follow it when it changes from elsewhere (drawer clicks, back button).
  useEffect(() => setSince(props.since ?? ''), [props.since]);
  useEffect(() => setUntil(props.until ?? ''), [props.until]);
  const spec = fieldSpec(field);
  const choices = [...new Set([...(spec.choices ?? []), ...(suggestions[field] ?? [])])];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() === '') {
      setError(`Type a value for ${field}, e.g. ${spec.example}`);
      return;
    }
    const problem = props.onAdd(field, value, negate);
    setError(problem);
    if (problem === undefined) setValue('');
  };

  const applyTime = (event: FormEvent) => {
    event.preventDefault();
    setError(props.onTime(since.trim() || undefined, until.trim() || undefined));
  };

  return (
    <section className={styles.filterBar} aria-label="Filters">
      <div className={styles.chips} data-testid="filter-chips">
        {terms.length === 0 ? <span className={styles.muted}>No filters: every flow is shown.</span> : null}
        {terms.map((term, index) => {
          const label = termLabel(term);
          return (
            <span
              key={`${term.negate ? '!' : ''}${term.field}`}
              className={`${styles.chip} ${term.negate ? styles.chipNegated : ''}`}
              data-testid="filter-chip"
            >
              <span className={styles.chipField}>{label.name}</span>
              <button
                type="button"
                className={styles.chipNot}
                onClick={() => props.onToggleNegate(index)}
                title={
                  term.negate
                    ? 'Excluding these values: click to match them instead'
                    : 'Click to exclude these values instead (hubble observe --not)'
                }
                aria-label={`${term.negate ? 'Match' : 'Exclude'} ${term.field} ${label.values}`}
              >
                {label.op}
              </button>
              <span className={styles.chipText}>{label.values}</span>
              <button
                type="button"
                className={styles.chipRemove}
                onClick={() => props.onRemove(index)}
                aria-label={`Remove filter ${label.name} ${label.op} ${label.values}`}
              >
                ×
              </button>
            </span>
          );
        })}
        {terms.length > 0 ? (
          <button type="button" className={styles.linkButton} onClick={props.onClear}>
            Clear all
          </button>
        ) : null}
      </div>
      <div className={styles.filterForms}>
        <form className={styles.addForm} onSubmit={submit} aria-label="Add filter">
          <select
            aria-label="Filter field"
            value={field}
            onChange={(e) => {
              setField(e.target.value as FilterField);
              setError(undefined);
            }}
          >
            {FIELD_GROUPS.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.fields.map((f) => (
                  <option key={f.field} value={f.field}>
                    {f.field}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <input
            aria-label="Filter value"
            className={styles.valueInput}
            value={value}
            list={choices.length > 0 ? listId : undefined}
            placeholder={spec.example}
            onChange={(e) => setValue(e.target.value)}
          />
          {choices.length > 0 ? (
            <datalist id={listId}>
              {choices.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          ) : null}
          <label className={styles.notToggle}>
            <input type="checkbox" checked={negate} onChange={(e) => setNegate(e.target.checked)} /> not
          </label>
          <button type="submit">Add filter</button>
        </form>
        <form className={styles.timeForm} onSubmit={applyTime} aria-label="Time range">
          <input
            aria-label="Since"
            placeholder="since: 15m or 2024-05-01T10:00:00Z"
            value={since}
            onChange={(e) => setSince(e.target.value)}
          />
          <input
            aria-label="Until"
            placeholder="until (stops following)"
            value={until}
            onChange={(e) => setUntil(e.target.value)}
          />
          <button type="submit">Apply time</button>
        </form>
      </div>
      {error ? (
        <div className={styles.formError} role="alert">
          {error}
        </div>
      ) : null}
    </section>
  );
}
