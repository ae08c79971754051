// Checks a plan against the ERP reference data cached locally: accounts, dimension values and partner
// must exist and be active; the entry must balance. Runs before every post, replays included.
import type { PostingPlan } from '../../../shared/schemas/plan';
import type { HoldReason } from '../../../shared/schemas/posting';
import type { ReferenceItem } from '../../../shared/schemas/reference';

export interface ReferenceIndex {
  /** Kinds/dimension types that have data at all: an empty cache cannot prove a value wrong. */
  has(kind: string, dimensionType?: string): boolean;
  find(kind: string, code: string, dimensionType?: string): { name: string; active: boolean } | undefined;
}

export function createReferenceIndex(items: readonly ReferenceItem[]): ReferenceIndex {
  const map = new Map<string, { name: string; active: boolean }>();
  const kinds = new Set<string>();
  for (const i of items) {
    map.set(`${i.kind}\u0000${i.dimensionType}\u0000${i.code}`, { name: i.name, active: i.active });
    kinds.add(`${i.kind}\u0000${i.dimensionType}`);
  }
  return {
    has: (kind, dimensionType = '') => kinds.has(`${kind}\u0000${dimensionType}`),
    find: (kind, code, dimensionType = '') => map.get(`${kind}\u0000${dimensionType}\u0000${code}`),
  };
}

export function validatePlan(plan: PostingPlan, ref: ReferenceIndex, dimensionTypes: readonly string[]): HoldReason[] {
  const reasons: HoldReason[] = [];
  const seen = new Set<string>();
  const once = (r: HoldReason) => {
    const k = `${r.code}|${r.subject ?? ''}`;
    if (!seen.has(k)) {
      seen.add(k);
      reasons.push(r);
    }
  };

  const debit = plan.lines.filter((l) => l.side === 'debit').reduce((s, l) => s + l.amountMinor, 0);
  const credit = plan.lines.filter((l) => l.side === 'credit').reduce((s, l) => s + l.amountMinor, 0);
  if (plan.kind === 'journal' && debit !== credit) once({ code: 'UNBALANCED', message: `Entry does not balance: debits ${debit}, credits ${credit} (minor units)` });
  if (plan.lines.some((l) => !Number.isSafeInteger(l.amountMinor) || l.amountMinor <= 0)) once({ code: 'INVALID_AMOUNT', message: 'A line has a zero, negative or non-integer amount' });

  for (const line of plan.lines) {
    const acc = ref.find('account', line.account);
    if (!acc) once({ code: 'ACCOUNT_UNKNOWN', message: `GL account ${line.account} does not exist in the ERP`, subject: line.account });
    else if (!acc.active) once({ code: 'ACCOUNT_INACTIVE', message: `GL account ${line.account} (${acc.name}) is inactive in the ERP`, subject: line.account });
    for (const [type, value] of Object.entries(line.dimensions)) {
      if (!dimensionTypes.includes(type)) continue;
      const v = ref.find('dimension', value, type);
      if (!v) once({ code: 'DIMENSION_UNKNOWN', message: `${label(type)} ${value} does not exist in the ERP`, subject: `${type}:${value}` });
      else if (!v.active) once({ code: 'DIMENSION_INACTIVE', message: `${label(type)} ${value} (${v.name}) is inactive in the ERP`, subject: `${type}:${value}` });
    }
  }
  // Tax codes are reference data read from the ERP like accounts: an empty cache cannot prove a code wrong.
  for (const code of new Set(plan.lines.map((l) => l.taxCode).filter((c): c is string => !!c))) {
    if (!ref.has('tax_code')) break;
    const t = ref.find('tax_code', code);
    if (!t) once({ code: 'TAX_UNMAPPED', message: `Tax code ${code} does not exist in the ERP: fix its row on the Tax codes tab`, subject: code });
    else if (!t.active) once({ code: 'TAX_UNMAPPED', message: `Tax code ${code} (${t.name}) is inactive in the ERP: fix its row on the Tax codes tab`, subject: code });
  }
  const partners = new Set([plan.partner, ...plan.lines.map((l) => l.partner)].filter((p): p is string => !!p));
  for (const p of partners) {
    const s = ref.find('supplier', p) ?? ref.find('employee', p);
    if (!s) once({ code: 'PARTNER_UNKNOWN', message: `Supplier ${p} does not exist in the ERP`, subject: p });
    else if (!s.active) once({ code: 'PARTNER_INACTIVE', message: `Supplier ${p} (${s.name}) is inactive in the ERP`, subject: p });
  }
  return reasons;
}

/** "costCenter" -> "Cost center" for messages. */
export function label(dimensionType: string): string {
  const words = dimensionType.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
