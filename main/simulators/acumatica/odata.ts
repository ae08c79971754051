// The slice of OData the simulator understands in $filter: `Field eq 'text'` (a quote doubled inside),
// `eq true|false|<number>`, joined by `and`; nested fields as `A/B`. Anything else is refused, as a
// contract-version-4 endpoint refuses a query it cannot optimise.

export interface Condition {
  field: string;
  value: string | number | boolean;
}

export class FilterError extends Error {}

/** Splits and reads a $filter expression into equality conditions that must all hold. */
export function parseFilter(text: string): Condition[] {
  const out: Condition[] = [];
  let i = 0;
  const s = text.trim();
  const skipSpace = () => {
    while (i < s.length && s[i] === ' ') i++;
  };
  while (i < s.length) {
    skipSpace();
    const field = /^[A-Za-z_][A-Za-z0-9_/]*/.exec(s.slice(i))?.[0];
    if (!field) throw new FilterError(`cannot read a field name at position ${i} of $filter`);
    i += field.length;
    skipSpace();
    if (s.slice(i, i + 3) !== 'eq ') throw new FilterError(`only "eq" comparisons are supported (after ${field})`);
    i += 3;
    skipSpace();
    let value: string | number | boolean;
    if (s[i] === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= s.length) throw new FilterError('unterminated string literal in $filter');
        if (s[i] === "'") {
          if (s[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += s[i];
        i++;
      }
      value = v;
    } else {
      const token = /^[^ ]+/.exec(s.slice(i))?.[0] ?? '';
      i += token.length;
      if (token === 'true' || token === 'false') value = token === 'true';
      else if (/^-?\d+(\.\d+)?$/.test(token)) value = Number(token);
      else throw new FilterError(`cannot read the value "${token}" in $filter`);
    }
    out.push({ field, value });
    skipSpace();
    if (i >= s.length) break;
    if (s.slice(i, i + 4) !== 'and ') throw new FilterError(`only "and" joins conditions in $filter (at position ${i})`);
    i += 4;
  }
  if (!out.length) throw new FilterError('empty $filter');
  return out;
}

/** Whether a flat record of field -> value matches every condition. */
export function matches(row: Record<string, string | number | boolean>, conds: Condition[]): boolean {
  return conds.every((c) => row[c.field] === c.value);
}
