// What X3 checks on save, as the simulator plays it: accounts, dimensions, partners, closed periods
// and balance. Failures come back as type-3 messages in X3's "Line n : Field value : problem" style.
import { simFormatMinor, simIsCurrency, simMinorFromText } from '../iso4217';
import type { SimMessage as X3Message, SimObject } from './object-xml';
import type { SimJournalFields, SimSupplierInvoiceFields } from './published';
import type { SageX3SimState, StoredDocument } from './state';

export type SaveOutcome = { ok: true; doc: StoredDocument } | { ok: false; messages: X3Message[] };

const err = (message: string): X3Message => ({ type: '3', message });
const toObj = (m: Map<string, string> | undefined) => Object.fromEntries(m ?? []);

function checkDate(state: SageX3SimState, raw: string | undefined, label: string, out: X3Message[]): void {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw ?? '');
  if (!m) {
    out.push(err(`${label} : "${raw ?? ''}" is not a valid date`));
    return;
  }
  if (state.closedPeriods.has(`${m[1]}-${m[2]}`)) out.push(err(`${label} ${raw} : period ${m[1]}-${m[2]} is closed`));
}

function checkAccount(state: SageX3SimState, code: string | undefined, n: number, out: X3Message[]): void {
  const a = code ? state.accounts.get(code) : undefined;
  if (!code) out.push(err(`Line ${n} : Account : mandatory field`));
  else if (!a) out.push(err(`Line ${n} : Account ${code} : record does not exist`));
  else if (!a.active) out.push(err(`Line ${n} : Account ${code} : inactive record`));
}

/** Analytic fields CCE1..CCEn: each value must exist, active, under the ledger's dimension type n. */
function checkDimensions(state: SageX3SimState, line: Map<string, string>, n: number, out: X3Message[]): void {
  for (const [field, v] of line) {
    const pos = /^CCE(\d{1,2})$/.exec(field)?.[1];
    if (!pos || !v) continue;
    const type = state.dimensionTypes[Number(pos) - 1]?.code;
    const c = state.dimensionAt(Number(pos), v);
    if (!type) out.push(err(`Line ${n} : ${field} : no dimension type at position ${pos} in this ledger`));
    else if (!c) out.push(err(`Line ${n} : Dimension ${v} : record does not exist for dimension type ${type}`));
    else if (!c.active) out.push(err(`Line ${n} : Dimension ${v} : inactive record (dimension type ${type})`));
  }
}

/** A tax code on a line must be one of the folder's, and active (X3 "record does not exist" style). */
function checkTax(state: SageX3SimState, code: string | undefined, n: number, out: X3Message[]): void {
  if (!code) return;
  const t = state.taxCodes.get(code);
  if (!t) out.push(err(`Line ${n} : Tax code ${code} : record does not exist`));
  else if (!t.active) out.push(err(`Line ${n} : Tax code ${code} : inactive record`));
}

function checkPartner(state: SageX3SimState, code: string, prefix: string, label: string, out: X3Message[]): void {
  const s = state.suppliers.get(code);
  if (!s) out.push(err(`${prefix}${label} ${code} : record does not exist`));
  else if (!s.active) out.push(err(`${prefix}${label} ${code} : inactive record`));
}

function amount(raw: string | undefined, currency: string, n: number, out: X3Message[]): number {
  if (raw === undefined || raw === '') return 0;
  // Read with the simulator's own ISO 4217 table: never the product's, or both would agree on the same mistake.
  const p = simMinorFromText(raw, simIsCurrency(currency) ? currency : 'EUR');
  if (!p.ok) {
    out.push(err(`Line ${n} : Amount ${raw} : ${p.message}`));
    return 0;
  }
  return p.minor;
}

export function saveJournal(state: SageX3SimState, obj: SimObject, f: SimJournalFields, publicName: string, now: Date): SaveOutcome {
  const out: X3Message[] = [];
  const header = obj.header;
  const currency = header.get(f.currency) ?? '';
  if (!simIsCurrency(currency)) out.push(err(`Currency ${currency} : record does not exist`));
  checkDate(state, header.get(f.accountingDate), 'Accounting date', out);
  const lines = obj.lines;
  if (lines.length === 0) out.push(err('The entry has no lines'));
  let debit = 0;
  let credit = 0;
  lines.forEach((line, i) => {
    const n = i + 1;
    checkAccount(state, line.get(f.lineAccount), n, out);
    debit += amount(line.get(f.lineDebit), currency, n, out);
    credit += amount(line.get(f.lineCredit), currency, n, out);
    checkDimensions(state, line, n, out);
    checkTax(state, f.lineTax ? line.get(f.lineTax) : undefined, n, out);
    const bp = line.get(f.linePartner);
    if (bp) checkPartner(state, bp, `Line ${n} : `, 'Business partner', out);
  });
  if (debit !== credit) {
    const cur = simIsCurrency(currency) ? currency : 'EUR';
    out.push(err(`Unbalanced entry : debit ${simFormatMinor(debit, cur)} credit ${simFormatMinor(credit, cur)}`));
  }
  if (out.length) return { ok: false, messages: out };
  const number = state.nextNumber(header.get(f.entryType) || 'GAS');
  const headerObj = { ...toObj(header), [f.documentNumber]: number };
  const doc: StoredDocument = { number, kind: 'journal', publicName, reference: header.get(f.reference) ?? '', header: headerObj, lines: lines.map(toObj), savedAt: now.toISOString() };
  state.store(doc);
  return { ok: true, doc };
}

export function saveSupplierInvoice(state: SageX3SimState, obj: SimObject, f: SimSupplierInvoiceFields, publicName: string, now: Date): SaveOutcome {
  const out: X3Message[] = [];
  const header = obj.header;
  const currency = header.get(f.currency) ?? '';
  if (!simIsCurrency(currency)) out.push(err(`Currency ${currency} : record does not exist`));
  const supplier = header.get(f.supplier) ?? '';
  if (!supplier) out.push(err('Supplier : mandatory field'));
  else checkPartner(state, supplier, '', 'Supplier', out);
  checkDate(state, header.get(f.accountingDate), 'Accounting date', out);
  const lines = obj.lines;
  if (lines.length === 0) out.push(err('The invoice has no lines'));
  let sum = 0;
  lines.forEach((line, i) => {
    checkAccount(state, line.get(f.lineAccount), i + 1, out);
    sum += amount(line.get(f.lineAmount), currency, i + 1, out);
    checkDimensions(state, line, i + 1, out);
    checkTax(state, f.lineTax ? line.get(f.lineTax) : undefined, i + 1, out);
  });
  const totalRaw = header.get(f.total);
  if (totalRaw !== undefined && amount(totalRaw, currency, 0, out) !== sum) {
    out.push(err(`Unbalanced invoice : total ${totalRaw} differs from the sum of the lines`));
  }
  if (out.length) return { ok: false, messages: out };
  const number = state.nextNumber(header.get(f.invoiceType) || 'BIS');
  const doc: StoredDocument = {
    number,
    kind: 'supplier_invoice',
    publicName,
    reference: header.get(f.reference) ?? '',
    header: { ...toObj(header), [f.documentNumber]: number },
    lines: lines.map(toObj),
    savedAt: now.toISOString(),
  };
  state.store(doc);
  return { ok: true, doc };
}
