// The slice of OData the simulator understands in $filter, as Acumatica documents it ("$filter Parameter",
// Integration Development Guide): comparisons `Field eq|ne <literal>` (text in single quotes, a quote
// doubled inside; true/false; numbers), the functions startswith(Field,'x'), endswith(Field,'x') and
// substringof('x',Field), conditions joined by `and` / `or` (and binds tighter), parentheses, nested
// fields as `A/B`. Anything else is refused, as a contract-version-4 endpoint refuses a query it cannot run.

export type Scalar = string | number | boolean;
export type Row = Record<string, Scalar>;
export type Predicate = (row: Row) => boolean;

export class FilterError extends Error {}

const FUNCTIONS: Record<string, (field: string, text: string) => Predicate> = {
  startswith: (f, t) => (r) => typeof r[f] === 'string' && (r[f] as string).startsWith(t),
  endswith: (f, t) => (r) => typeof r[f] === 'string' && (r[f] as string).endsWith(t),
  substringof: (f, t) => (r) => typeof r[f] === 'string' && (r[f] as string).includes(t),
};

class Reader {
  i = 0;
  constructor(readonly s: string) {}
  space(): void {
    while (this.s[this.i] === ' ') this.i++;
  }
  peekWord(): string {
    this.space();
    return /^[A-Za-z_][A-Za-z0-9_/]*/.exec(this.s.slice(this.i))?.[0] ?? '';
  }
  word(): string {
    const w = this.peekWord();
    if (!w) throw new FilterError(`cannot read a name at position ${this.i} of $filter`);
    this.i += w.length;
    return w;
  }
  expect(ch: string): void {
    this.space();
    if (this.s[this.i] !== ch) throw new FilterError(`expected "${ch}" at position ${this.i} of $filter`);
    this.i++;
  }
  literal(): Scalar {
    this.space();
    if (this.s[this.i] === "'") {
      let v = '';
      this.i++;
      for (;;) {
        if (this.i >= this.s.length) throw new FilterError('unterminated string literal in $filter');
        if (this.s[this.i] === "'") {
          if (this.s[this.i + 1] === "'") {
            v += "'";
            this.i += 2;
            continue;
          }
          this.i++;
          return v;
        }
        v += this.s[this.i++];
      }
    }
    const token = /^[^ )(,]+/.exec(this.s.slice(this.i))?.[0] ?? '';
    this.i += token.length;
    if (token === 'true' || token === 'false') return token === 'true';
    if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
    throw new FilterError(`cannot read the value "${token}" in $filter`);
  }
}

function atom(r: Reader): Predicate {
  r.space();
  if (r.s[r.i] === '(') {
    r.i++;
    const inner = orExpr(r);
    r.expect(')');
    return inner;
  }
  const name = r.word();
  const fn = FUNCTIONS[name];
  r.space();
  if (fn && r.s[r.i] === '(') {
    r.i++;
    let field: string;
    let text: Scalar;
    if (name === 'substringof') {
      text = r.literal();
      r.expect(',');
      r.space();
      field = r.word();
    } else {
      r.space();
      field = r.word();
      r.expect(',');
      text = r.literal();
    }
    r.expect(')');
    if (typeof text !== 'string') throw new FilterError(`${name} needs a text literal`);
    const p = fn(field, text);
    // `startswith(F,'x') eq true` is the older spelling of the same condition.
    if (r.peekWord() === 'eq') {
      r.word();
      const want = r.literal();
      if (typeof want !== 'boolean') throw new FilterError(`${name}(…) can only be compared with true or false`);
      return want ? p : (row) => !p(row);
    }
    return p;
  }
  if (/^[a-z]+$/.test(name) && r.s[r.i] === '(') throw new FilterError(`the function ${name} is not supported in $filter`);
  const op = r.word();
  if (ORDERED[op]) return dateComparison(r, name, op);
  if (op !== 'eq' && op !== 'ne') throw new FilterError(`only "eq", "ne", "gt", "ge", "lt" and "le" comparisons are supported (after ${name}, got "${op}")`);
  const value = r.literal();
  return op === 'eq' ? (row) => row[name] === value : (row) => row[name] !== value;
}

// Ordered comparisons, only against a `datetimeoffset'…'` literal (the documented date form, shared/api
// acumatica.md "$filter"; `gt` is documented, ge/lt/le are OData's other operators, inferred).
const ORDERED: Record<string, (a: number, b: number) => boolean> = { gt: (a, b) => a > b, ge: (a, b) => a >= b, lt: (a, b) => a < b, le: (a, b) => a <= b };
const WALL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;
const instant = (v: string) => Date.parse(WALL.test(v) ? `${v}Z` : v);

function dateComparison(r: Reader, field: string, op: string): Predicate {
  r.space();
  const m = /^datetimeoffset'([^']*)'/.exec(r.s.slice(r.i));
  if (!m) throw new FilterError(`"${op}" needs a datetimeoffset'…' value (after ${field})`);
  r.i += m[0].length;
  const at = Date.parse(m[1]!);
  if (!/[+-]\d{2}:\d{2}$|Z$/.test(m[1]!) || Number.isNaN(at)) throw new FilterError(`cannot read the date "${m[1]}" in $filter`);
  const cmp = ORDERED[op]!;
  return (row) => typeof row[field] === 'string' && !Number.isNaN(instant(row[field] as string)) && cmp(instant(row[field] as string), at);
}

function andExpr(r: Reader): Predicate {
  const parts = [atom(r)];
  while (r.peekWord() === 'and') {
    r.word();
    parts.push(atom(r));
  }
  return parts.length === 1 ? parts[0]! : (row) => parts.every((p) => p(row));
}

function orExpr(r: Reader): Predicate {
  const parts = [andExpr(r)];
  while (r.peekWord() === 'or') {
    r.word();
    parts.push(andExpr(r));
  }
  return parts.length === 1 ? parts[0]! : (row) => parts.some((p) => p(row));
}

/** Reads a $filter expression into a predicate over a flat record of field -> value. */
export function parseFilter(text: string): Predicate {
  const r = new Reader(text.trim());
  if (!r.s) throw new FilterError('empty $filter');
  const p = orExpr(r);
  r.space();
  if (r.i < r.s.length) throw new FilterError(`cannot read "${r.s.slice(r.i, r.i + 20)}" in $filter`);
  return p;
}
