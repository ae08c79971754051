// Row filters of the simulated gateway, every documented operator implemented and anything else refused
// (never ignored): readByQuery's SQL-like `query` text (= != <> < > <= >=, [NOT] LIKE, [NOT] IN, IS [NOT]
// NULL, AND / OR / NOT, parentheses) and `query`'s filter elements (equalto … isnotnull, in / notin, between,
// and / or), with `caseinsensitive`.
import { elements, list, text, type Node } from './wire';

export type Row = Record<string, string>;
export type Test = (row: Row) => boolean;
/** A filter, or the reason it is refused. */
export type Parsed = { ok: true; test: Test } | { ok: false; why: string };

const num = (v: string) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN);
/** Intacct's dates (MM/DD/YYYY in filters and answers) compare as dates, not as text. */
const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const sortable = (v: string) => v.replace(US_DATE, '$3$1$2');
function compare(a: string, b: string): number {
  if (US_DATE.test(a) && US_DATE.test(b)) [a, b] = [sortable(a), sortable(b)];
  const [x, y] = [num(a), num(b)];
  return !Number.isNaN(x) && !Number.isNaN(y) ? x - y : a < b ? -1 : a > b ? 1 : 0;
}
const likeRe = (pattern: string, ci: boolean) => new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, ci ? 'is' : 's');

type Op = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'like' | 'notlike' | 'in' | 'notin' | 'null' | 'notnull' | 'between';

function leaf(op: Op, field: string, values: string[], ci: boolean): Test {
  const fold = (v: string) => (ci ? v.toLowerCase() : v);
  const vs = values.map(fold);
  const get = (r: Row) => fold(r[field] ?? '');
  switch (op) {
    case 'eq': return (r) => compare(get(r), vs[0]!) === 0;
    case 'ne': return (r) => compare(get(r), vs[0]!) !== 0;
    case 'lt': return (r) => compare(get(r), vs[0]!) < 0;
    case 'le': return (r) => compare(get(r), vs[0]!) <= 0;
    case 'gt': return (r) => compare(get(r), vs[0]!) > 0;
    case 'ge': return (r) => compare(get(r), vs[0]!) >= 0;
    case 'like': { const re = likeRe(values[0]!, ci); return (r) => re.test(r[field] ?? ''); }
    case 'notlike': { const re = likeRe(values[0]!, ci); return (r) => !re.test(r[field] ?? ''); }
    case 'in': return (r) => vs.some((v) => compare(get(r), v) === 0);
    case 'notin': return (r) => !vs.some((v) => compare(get(r), v) === 0);
    case 'null': return (r) => (r[field] ?? '') === '';
    case 'notnull': return (r) => (r[field] ?? '') !== '';
    case 'between': return (r) => compare(get(r), vs[0]!) >= 0 && compare(get(r), vs[1]!) <= 0;
  }
}

const ELEMENT_OPS: Record<string, Op> = {
  equalto: 'eq', notequalto: 'ne', lessthan: 'lt', lessthanorequalto: 'le', greaterthan: 'gt', greaterthanorequalto: 'ge',
  like: 'like', notlike: 'notlike', in: 'in', notin: 'notin', isnull: 'null', isnotnull: 'notnull', between: 'between',
};

/** A `query` filter element tree; `fields` are the object's fields (anything else is refused). */
export function filterOf(node: Node, fields: ReadonlySet<string>, ci: boolean): Parsed {
  const parts = elements(node).flatMap(([name, v]) => list(v).map((x) => [name, x] as const));
  if (parts.length !== 1) return { ok: false, why: `a filter holds exactly one operator element, not ${parts.length}` };
  const [name, raw] = parts[0]!;
  const n = (raw && typeof raw === 'object' ? raw : {}) as Node;
  if (name === 'and' || name === 'or') {
    const subs = elements(n).flatMap(([k, v]) => list(v).map((x) => filterOf({ [k]: x }, fields, ci)));
    if (subs.length < 2) return { ok: false, why: `<${name}> needs at least two conditions` };
    const bad = subs.find((s) => !s.ok);
    if (bad) return bad;
    const tests = subs.map((s) => (s as { test: Test }).test);
    return { ok: true, test: name === 'and' ? (r) => tests.every((t) => t(r)) : (r) => tests.some((t) => t(r)) };
  }
  const op = ELEMENT_OPS[name];
  if (!op) return { ok: false, why: `'${name}' is not a filter operator` };
  const field = text(n.field).trim();
  if (!fields.has(field)) return { ok: false, why: `'${field}' is not a field of this object` };
  const values = list(n.value).map((v) => text(v));
  const need = op === 'null' || op === 'notnull' ? 0 : op === 'between' ? 2 : op === 'in' || op === 'notin' ? -1 : 1;
  if ((need >= 0 && values.length !== need) || (need < 0 && values.length === 0)) return { ok: false, why: `<${name}> on ${field} has ${values.length} value(s)` };
  return { ok: true, test: leaf(op, field, values, ci) };
}

// readByQuery text: a small recursive-descent parser over tokens.
const TOKEN = /\s*(?:('(?:[^']|'')*')|(<>|!=|<=|>=|=|<|>)|([(),])|([A-Za-z_][A-Za-z0-9_.]*)|(-?\d+(?:\.\d+)?))/y;

function tokens(q: string): string[] | null {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < q.length) {
    if (/^\s*$/.test(q.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(q);
    if (!m) return null;
    out.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]!);
  }
  return out;
}

/** readByQuery's `query` text over an object's fields; '' matches every row. */
export function queryTextOf(q: string, fields: ReadonlySet<string>): Parsed {
  if (!q.trim()) return { ok: true, test: () => true };
  const t = tokens(q);
  if (!t) return { ok: false, why: `cannot read the query near "${q.slice(0, 60)}"` };
  let i = 0;
  const peek = (k = 0) => (t[i + k] ?? '').toUpperCase();
  const fail = (why: string): never => {
    throw new Error(why);
  };
  const value = (): string => {
    const v = t[i++] ?? fail('a value is missing');
    return v.startsWith("'") ? v.slice(1, -1).replace(/''/g, "'") : /^-?\d/.test(v) ? v : fail(`'${v}' is not a value`);
  };
  const comparison = (): Test => {
    const field = t[i++] ?? fail('a field is missing');
    if (!fields.has(field)) fail(`'${field}' is not a field of this object`);
    const negated = peek() === 'NOT' && (peek(1) === 'LIKE' || peek(1) === 'IN');
    if (negated) i++;
    const op = peek();
    if (op === 'IS') {
      i++;
      const not = peek() === 'NOT';
      if (not) i++;
      if (peek() !== 'NULL') fail('IS must be followed by [NOT] NULL');
      i++;
      return leaf(not ? 'notnull' : 'null', field, [], false);
    }
    if (op === 'LIKE') {
      i++;
      return leaf(negated ? 'notlike' : 'like', field, [value()], false);
    }
    if (op === 'IN') {
      i++;
      if (t[i++] !== '(') fail('IN needs a list in parentheses');
      const vs = [value()];
      while (t[i] === ',') {
        i++;
        vs.push(value());
      }
      if (t[i++] !== ')') fail('the IN list is not closed');
      return leaf(negated ? 'notin' : 'in', field, vs, false);
    }
    const ops: Record<string, Op> = { '=': 'eq', '!=': 'ne', '<>': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' };
    const o = ops[op] ?? fail(`'${t[i] ?? ''}' is not an operator`);
    i++;
    return leaf(o, field, [value()], false);
  };
  const factor = (): Test => {
    if (peek() === 'NOT') {
      i++;
      const f = factor();
      return (r) => !f(r);
    }
    if (t[i] === '(') {
      i++;
      const e = expr();
      if (t[i++] !== ')') fail('a parenthesis is not closed');
      return e;
    }
    return comparison();
  };
  const term = (): Test => {
    const fs = [factor()];
    while (peek() === 'AND') {
      i++;
      fs.push(factor());
    }
    return (r) => fs.every((f) => f(r));
  };
  const expr = (): Test => {
    const ts = [term()];
    while (peek() === 'OR') {
      i++;
      ts.push(term());
    }
    return (r) => ts.some((x) => x(r));
  };
  try {
    const test = expr();
    if (i !== t.length) return { ok: false, why: `unexpected '${t[i]}' in the query` };
    return { ok: true, test };
  } catch (e) {
    return { ok: false, why: (e as Error).message };
  }
}
