// The JSONPath subset that CRD additionalPrinterColumns use in practice:
// `.a.b`, `.a[0].b`, `.a[*].b`, `.a[?(@.type=="Ready")].status`, optionally wrapped in `{…}`.

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'filter'; field: string; equals: string };

function parse(path: string): Step[] | undefined {
  let rest = path.trim();
  if (rest.startsWith('{') && rest.endsWith('}')) rest = rest.slice(1, -1);
  const steps: Step[] = [];
  const tokenRe =
    /^(?:\.([A-Za-z0-9_-]+)|\[(\d+)\]|\[\*\]|\[\?\(@\.([A-Za-z0-9_.-]+)\s*==\s*["']([^"']*)["']\)\])/;
  while (rest.length > 0) {
    const match = tokenRe.exec(rest);
    if (!match) return undefined;
    const [whole, field, index, filterField, filterValue] = match;
    if (field !== undefined) steps.push({ kind: 'field', name: field });
    else if (index !== undefined) steps.push({ kind: 'index', index: Number(index) });
    else if (filterField !== undefined)
      steps.push({ kind: 'filter', field: filterField, equals: filterValue ?? '' });
    else steps.push({ kind: 'all' });
    rest = rest.slice(whole.length);
  }
  return steps;
}

function child(value: unknown, name: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return (value as Record<string, unknown>)[name];
}

function dotted(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((acc, name) => child(acc, name), value);
}

/** All values the path selects (empty when nothing matches or the path is outside the subset). */
export function evaluateJsonPath(root: unknown, path: string): unknown[] {
  const steps = parse(path);
  if (!steps) return [];
  let current: unknown[] = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step.kind === 'field') {
        const found = child(value, step.name);
        if (found !== undefined) next.push(found);
      } else if (Array.isArray(value)) {
        if (step.kind === 'index') {
          if (step.index < value.length) next.push(value[step.index]);
        } else if (step.kind === 'all') {
          next.push(...value);
        } else {
          for (const item of value) if (String(dotted(item, step.field)) === step.equals) next.push(item);
        }
      }
    }
    current = next;
  }
  return current;
}
