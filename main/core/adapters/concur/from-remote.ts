// Pure mapper: a v3 report header + its entries + allocations -> the canonical SourceDocument.
// Never throws on bad data: every unreadable value becomes a `problems` entry naming the entry.
import type { ConcurSourceSettings } from '../../../../shared/schemas/systems/concur';
import type { Allocation, SourceDocument, SourceLine, SourceProblem } from '../../../../shared/schemas/document';
import type { Money } from '../../../../shared/schemas/money';
import { isKnownCurrency } from '../../money/currency';
import { parseMoney } from '../../money/parse';
import { datePart } from './cursor';
import type { ConcurAllocation, ConcurEntry, ConcurReport } from './schemas';
import { v3CashAdvance, v3EntrySettlement } from './v3-settlement';

export type MapSettings = Pick<ConcurSourceSettings, 'dimensionFields' | 'companyPaidPaymentTypes' | 'companyBilledPaymentTypes'>;

type Obj = Record<string, unknown>;

export function reportToDocument(report: ConcurReport, entries: ConcurEntry[], allocations: ConcurAllocation[], settings: MapSettings): SourceDocument {
  const problems: SourceProblem[] = [];
  const r = report as Obj;
  const rawCurrency = text(r.CurrencyCode);
  const currency = rawCurrency && isKnownCurrency(rawCurrency.toUpperCase()) ? rawCurrency.toUpperCase() : null;
  if (!currency) problems.push({ code: 'INVALID_CURRENCY', message: `Report ${report.ID}: currency "${rawCurrency ?? 'missing'}" is not an ISO 4217 code` });

  const dateSource = text(r.SubmitDate) ? 'submit date' : 'create date';
  const rawDate = text(r.SubmitDate) ?? text(r.CreateDate);
  const documentDate = datePart(rawDate);
  if (!documentDate) problems.push({ code: 'INVALID_DATE', message: `Report ${report.ID}: ${dateSource} "${rawDate ?? 'missing'}" is not a date` });

  const ownerId = text(r.OwnerLoginID);
  if (!ownerId) problems.push({ code: 'SOURCE_INVALID', message: `Report ${report.ID}: the owner's login id is missing` });
  const version = text(r.LastModifiedDate) ?? '';
  if (!version) problems.push({ code: 'SOURCE_INVALID', message: `Report ${report.ID}: LastModifiedDate is missing` });

  const byEntry = new Map<string, ConcurAllocation[]>();
  for (const a of allocations) {
    const list = byEntry.get(a.EntryID);
    if (list) list.push(a);
    else byEntry.set(a.EntryID, [a]);
  }
  const lines = entries.map((e) => entryToLine(e, byEntry.get(e.ID) ?? [], currency, settings, problems));
  const advances = v3CashAdvance(r, lines, currency, problems);

  const meta: Record<string, string> = {};
  const metaFields: Array<[string, unknown]> = [
    ['ownerLoginId', ownerId],
    ['lastModified', version],
    ['policy', r.PolicyID],
    ['approvalStatus', r.ApprovalStatusCode],
    ['paymentStatus', r.PaymentStatusCode],
    ['ledger', r.LedgerName],
    ['reportUri', r.URI],
  ];
  for (const [k, v] of metaFields) {
    const t = text(v);
    if (t) meta[k] = t;
  }
  // The v3 Entries API says only whether an entry has VAT (HasVAT); it carries no tax amounts or reclaim
  // (api/concur.md §2.4, SPEC v3-0/Entries.swagger2.json EntryGet). Such entries post gross, and the document says so.
  const withVat = entries.filter((e) => (e as Obj).HasVAT === true || text((e as Obj).HasVAT)?.toLowerCase() === 'true');
  if (withVat.length) meta.vatNotRead = `${withVat.length} entr${withVat.length === 1 ? 'y has' : 'ies have'} VAT that Concur's v3 report API does not give the amounts of: posted gross; read the report through Financial Integration to reclaim it`;

  return {
    sourceSystem: 'concur',
    kind: 'expense_report',
    sourceId: report.ID,
    version,
    title: text(r.Name) ?? '',
    currency,
    documentDate,
    employee: ownerId ? { id: ownerId, name: text(r.OwnerName) ?? ownerId, email: null } : null,
    vendor: null,
    invoiceNumber: null,
    lines,
    ...(advances.length ? { settlements: advances } : {}),
    problems,
    meta,
  };
}

function entryToLine(e: ConcurEntry, allocs: ConcurAllocation[], currency: string | null, settings: MapSettings, problems: SourceProblem[]): SourceLine {
  const o = e as Obj;
  const typeName = text(o.ExpenseTypeName);
  const label = `Entry ${e.ID}${typeName ? ` (${typeName})` : ''}`;
  const problem = (code: string, message: string) => problems.push({ code, message: `${label}: ${message}`, lineId: e.ID });

  const typeCode = text(o.ExpenseTypeCode);
  if (!typeCode) problem('SOURCE_INVALID', 'the expense type is missing');

  const rawDate = text(o.TransactionDate);
  const transactionDate = datePart(rawDate);
  if (rawDate && !transactionDate) problem('INVALID_DATE', `transaction date "${rawDate.slice(0, 40)}" is not a date`);
  if (!rawDate) problem('INVALID_DATE', 'the transaction date is missing');

  // ApprovedAmount is what the approver accepted; PostedAmount is the fallback (same report currency).
  let amount: Money | null = null;
  const approved = o.ApprovedAmount ?? o.PostedAmount;
  if (currency) {
    const m = parseMoney(approved, currency);
    if (m.ok) amount = { amountMinor: m.amountMinor, currency };
    else problem(m.code, `approved amount ${m.message}`);
  } else {
    problem('INVALID_CURRENCY', 'no amount can be read because the report currency is invalid');
  }

  let transactionAmount: Money | null = null;
  const txCurrency = text(o.TransactionCurrencyCode)?.toUpperCase();
  if (o.TransactionAmount !== undefined && o.TransactionAmount !== null) {
    if (!txCurrency) problem('INVALID_CURRENCY', 'the transaction currency is missing');
    else {
      const m = parseMoney(o.TransactionAmount, txCurrency);
      if (m.ok) transactionAmount = { amountMinor: m.amountMinor, currency: txCurrency };
      else problem(m.code, `transaction amount ${m.message}`);
    }
  }

  let exchangeRate: string | null = null;
  if (o.ExchangeRate !== undefined && o.ExchangeRate !== null) {
    exchangeRate = decimalText(o.ExchangeRate);
    if (exchangeRate === null) problem('INVALID_AMOUNT', `exchange rate "${String(o.ExchangeRate).slice(0, 40)}" is not a number`);
  }

  const allocations: Allocation[] = [];
  for (const a of allocs) {
    const pct = decimalText(a.Percentage);
    if (pct === null) {
      problem('INVALID_AMOUNT', `allocation ${text(a.ID) ?? '?'} has no readable percentage`);
      continue;
    }
    // AccountCode1: the account Concur's accounting configuration gives the allocation (account source 'source').
    const account = text((a as Obj).AccountCode1);
    allocations.push({ percentage: pct, dimensions: dimensionsOf(a as Obj, settings), ...(account ? { sourceAccount: account } : {}) });
  }

  const settled = v3EntrySettlement(o, amount?.amountMinor ?? null, settings);
  return {
    lineId: e.ID,
    expenseType: { code: typeCode ?? '', name: typeName ?? '' },
    transactionDate,
    amount,
    transactionAmount,
    exchangeRate,
    description: text(o.Description) ?? text(o.VendorDescription) ?? '',
    vendorName: text(o.VendorListItemName) ?? text(o.VendorDescription) ?? null,
    isPersonal: o.IsPersonal === true || o.IsPersonal === 'true' || o.IsPersonal === 'Y',
    paidBy: settled.paidBy,
    allocations,
    dimensions: dimensionsOf(o, settings),
    ...(settled.settlements ? { settlements: settled.settlements } : {}),
  };
}

/** Dimension values from the custom/org-unit fields the settings name: {Code, ListItemID, Type, Value} -> Code, else Value. */
export function dimensionsOf(source: Obj, settings: MapSettings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [dimension, field] of Object.entries(settings.dimensionFields)) {
    const v = source[field];
    const value = v && typeof v === 'object' ? (text((v as Obj).Code) ?? text((v as Obj).Value)) : text(v);
    if (value) out[dimension] = value;
  }
  return out;
}

/** A non-empty trimmed string, or a finite number as text; anything else is null. */
function text(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** A rate or percentage as plain decimal text ("0.000015", "33.33"), never exponent notation. */
export function decimalText(v: unknown): string | null {
  if (typeof v === 'string') return /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? v.trim() : null;
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  const s = String(v);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const [, sign, int = '', frac = '', expText = '0'] = m;
  const digits = int + frac;
  const point = int.length + Number(expText);
  const body = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign + body;
}
