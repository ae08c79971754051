// Small readers shared by the FIS and invoice mappers: tolerant text/array/flag access, money and
// currency with problems instead of throws, and dimension values from FIS-style custom fields.
import type { SourceProblem } from '../../../../shared/schemas/document';
import type { Money } from '../../../../shared/schemas/money';
import { isKnownCurrency } from '../../money/currency';
import { parseMoney } from '../../money/parse';
import { datePart } from './cursor';

export type Obj = Record<string, unknown>;

/** A non-empty string, or a finite number as text; anything else is null. */
export function text(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

export function obj(v: unknown): Obj | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null;
}

/** An array of objects; a single object (XML-to-JSON style) counts as a one-element array. */
export function arr(v: unknown): Obj[] {
  if (Array.isArray(v)) return v.filter((x): x is Obj => !!obj(x));
  const o = obj(v);
  return o ? [o] : [];
}

/** Y/N flags (FIS), booleans (v3) and "true". */
export function yes(v: unknown): boolean {
  return v === true || (typeof v === 'string' && /^(y|yes|true)$/i.test(v.trim()));
}

/** Upper-cased ISO 4217 code or null, with a problem naming `label`. */
export function currencyOf(raw: unknown, label: string, problems: SourceProblem[]): string | null {
  const t = text(raw)?.toUpperCase() ?? null;
  if (t && isKnownCurrency(t)) return t;
  problems.push({ code: 'INVALID_CURRENCY', message: `${label}: currency "${t ?? 'missing'}" is not an ISO 4217 code` });
  return null;
}

/** Money from a JSON number or a decimal string (v3 invoices send strings); null plus a problem when unreadable. */
export function moneyOf(raw: unknown, currency: string | null, label: string, problems: SourceProblem[], lineId?: string): Money | null {
  const add = (code: string, message: string) => problems.push(lineId ? { code, message: `${label}: ${message}`, lineId } : { code, message: `${label}: ${message}` });
  if (!currency) {
    add('INVALID_CURRENCY', 'no amount can be read because the currency is invalid');
    return null;
  }
  const m = parseMoney(typeof raw === 'string' ? raw.replace(/^\+/, '') : raw, currency);
  if (m.ok) return { amountMinor: m.amountMinor, currency };
  add(m.code, `amount ${m.message}`);
  return null;
}

/** yyyy-MM-dd of a date or timestamp (with or without `Z`), or null plus a problem when present but unreadable. */
export function dateOf(raw: unknown, label: string, problems: SourceProblem[], required: boolean, lineId?: string): string | null {
  const t = text(raw);
  const d = datePart(t?.replace(/Z$/, ''));
  if (d) return d;
  if (t || required) {
    const message = `${label}: ${t ? `date "${t.slice(0, 40)}" is not a date` : 'the date is missing'}`;
    problems.push(lineId ? { code: 'INVALID_DATE', message, lineId } : { code: 'INVALID_DATE', message });
  }
  return null;
}

/**
 * Dimension values for the configured fields. A v3-style name (`Custom1`, `OrgUnit2`) is looked up as the
 * FIS pair `<prefix>Custom1Code` then `...Value`; the exact field name also works. Objects {Code, Value} give Code.
 */
export function fisDimensions(source: Obj, prefix: string, dimensionFields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [dimension, field] of Object.entries(dimensionFields)) {
    for (const name of [`${prefix}${field}Code`, `${prefix}${field}Value`, field]) {
      const v = source[name];
      const o = obj(v);
      const value = o ? (text(o.Code) ?? text(o.Value)) : text(v);
      if (value) {
        out[dimension] = value;
        break;
      }
    }
  }
  return out;
}

/** "First M. Last" from FIS employee name parts. */
export function personName(e: Obj): string | null {
  const parts = [text(e.employeeFirstName), text(e.employeeMI), text(e.employeeLastName)].filter((p): p is string => !!p);
  return parts.length ? parts.join(' ') : null;
}
