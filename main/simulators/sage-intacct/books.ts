// What Intacct checks on a GLBATCH / APBILL create, as the simulator plays it: journal, dates and
// closed periods, accounts, departments, locations, vendors, employees (exist and active), balance.
import { isKnownCurrency } from '../../core/money/currency';
import { formatMinor, parseMoney } from '../../core/money/parse';
import { asArray, childOf, elementEntries, textOf, type XmlNode } from '../../core/adapters/xml';
import type { IntacctError } from '../../core/adapters/sage-intacct/schemas';
import type { MasterKind, RecordObject, SageIntacctSimState, StoredRecord } from './state';

export type CreateOutcome = { ok: true; rec: StoredRecord } | { ok: false; errors: IntacctError[] };

// Codes are the simulator's own (Intacct's real catalogue is not public); the texts follow public wording.
const err = (errorno: string, description2: string, correction = ''): IntacctError => ({ errorno, description: '', description2, correction });
const followUp = (object: string, supportId: string): IntacctError => ({
  errorno: 'BL01001973',
  description: `Could not create ${object} record!`,
  description2: `[Support ID: ${supportId}]`,
  correction: '',
});

const UNKNOWN: Record<MasterKind, (v: string) => string> = {
  account: (v) => `Account ${v} is not valid.`,
  department: (v) => `Department '${v}' is not valid.`,
  location: (v) => `Location '${v}' is not valid.`,
  vendor: (v) => `Invalid Vendor '${v}' specified.`,
  employee: (v) => `The employee '${v}' is invalid.`,
};
const INACTIVE: Record<MasterKind, (v: string) => string> = {
  account: (v) => `Account ${v} is inactive and cannot be posted to.`,
  department: (v) => `Department '${v}' is inactive.`,
  location: (v) => `Location '${v}' is inactive.`,
  vendor: (v) => `Activate the vendor ${v}, then try again.`,
  employee: (v) => `The employee '${v}' is inactive.`,
};

function checkMaster(state: SageIntacctSimState, kind: MasterKind, value: string, out: IntacctError[]): void {
  if (!value) return;
  const m = state.master[kind].get(value);
  if (!m) out.push(err('BL03000018', UNKNOWN[kind](value)));
  else if (!m.active) out.push(err('BL03000019', INACTIVE[kind](value)));
}

/** MM/DD/YYYY -> YYYY-MM-DD, or '' when not a date. */
export function fromUsDate(text: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return '';
  const iso = `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  return Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) ? '' : iso;
}

function checkDate(state: SageIntacctSimState, field: string, raw: string, out: IntacctError[], postingDate: boolean): string {
  const iso = fromUsDate(raw);
  if (!iso) out.push(err('BL03000021', `${field} '${raw}' is not a valid date in the format MM/DD/YYYY.`));
  else if (postingDate && state.closedPeriods.has(iso.slice(0, 7))) out.push(err('BL03000055', `Cannot post to a closed period: ${raw} falls in a period whose books are closed.`, 'Use a date in an open period.'));
  return iso;
}

const flat = (node: XmlNode): Record<string, string> => Object.fromEntries(elementEntries(node).filter(([, v]) => typeof v !== 'object' || v === null).map(([k, v]) => [k, textOf(v)]));

function amount(raw: string, currency: string, n: number, out: IntacctError[], allowNegative: boolean): number {
  const p = parseMoney(raw, isKnownCurrency(currency) ? currency : 'USD');
  if (!p.ok || (!allowNegative && p.amountMinor <= 0) || p.amountMinor === 0) {
    out.push(err('BL03000030', `Line ${n}: amount '${raw}' is not valid.`));
    return 0;
  }
  return p.amountMinor;
}

function finish(state: SageIntacctSimState, object: RecordObject, fields: Record<string, string>, lines: Array<Record<string, string>>, controlId: string, out: IntacctError[], extra: Record<string, string>): CreateOutcome {
  if (out.length) return { ok: false, errors: [...out, followUp(object, `sim${state.recordCount() + out.length}%7E${controlId.slice(0, 8)}`)] };
  const recordNo = state.nextRecordNo(object);
  const rec: StoredRecord = { object, recordNo, fields: { ...fields, ...extra, RECORDNO: recordNo }, lines, controlId, createdAt: state.now().toISOString() };
  state.store(rec);
  return { ok: true, rec };
}

export function createGlBatch(state: SageIntacctSimState, node: XmlNode, controlId: string): CreateOutcome {
  const out: IntacctError[] = [];
  const fields = flat(node);
  const journal = fields.JOURNAL ?? '';
  if (!state.journals.has(journal)) out.push(err('BL03000010', `Journal '${journal}' is not valid.`));
  checkDate(state, 'BATCH_DATE', fields.BATCH_DATE ?? '', out, true);
  if (!fields.BATCH_TITLE) out.push(err('BL03000011', 'BATCH_TITLE is required.'));
  const entries = asArray<XmlNode>(childOf(node, 'ENTRIES')?.GLENTRY).map(flat);
  if (entries.length < 2) out.push(err('BL03000012', 'A journal entry needs at least two lines.'));
  const sums = new Map<string, number>();
  entries.forEach((e, i) => {
    const currency = e.CURRENCY || state.baseCurrency;
    if (!isKnownCurrency(currency)) out.push(err('BL03000031', `Line ${i + 1}: currency '${currency}' is not valid.`));
    checkMaster(state, 'account', e.ACCOUNTNO ?? '', out);
    if (!e.ACCOUNTNO) out.push(err('BL03000013', `Line ${i + 1}: ACCOUNTNO is required.`));
    if (e.TR_TYPE !== '1' && e.TR_TYPE !== '-1') out.push(err('BL03000014', `Line ${i + 1}: TR_TYPE must be 1 or -1.`));
    const a = amount(e.TRX_AMOUNT ?? '', currency, i + 1, out, false);
    sums.set(currency, (sums.get(currency) ?? 0) + (e.TR_TYPE === '-1' ? -a : a));
    checkMaster(state, 'department', e.DEPARTMENT ?? '', out);
    checkMaster(state, 'location', e.LOCATION ?? '', out);
    checkMaster(state, 'vendor', e.VENDORID ?? '', out);
    checkMaster(state, 'employee', e.EMPLOYEEID ?? '', out);
  });
  if ([...sums.values()].some((s) => s !== 0)) out.push(err('BL03000040', 'Debits and credits do not balance for this journal entry.'));
  return finish(state, 'GLBATCH', fields, entries, controlId, out, { BATCHNO: String(state.recordCount('GLBATCH') + 1), STATE: 'Posted' });
}

export function createApBill(state: SageIntacctSimState, node: XmlNode, controlId: string): CreateOutcome {
  const out: IntacctError[] = [];
  const fields = flat(node);
  const currency = fields.CURRENCY || state.baseCurrency;
  if (!fields.VENDORID) out.push(err('BL03000013', 'VENDORID is required.'));
  checkMaster(state, 'vendor', fields.VENDORID ?? '', out);
  checkDate(state, 'WHENCREATED', fields.WHENCREATED ?? '', out, true);
  if (fields.WHENDUE !== undefined) checkDate(state, 'WHENDUE', fields.WHENDUE, out, false);
  else out.push(err('BL03000013', 'Provide WHENDUE or TERMNAME.'));
  const items = asArray<XmlNode>(childOf(node, 'APBILLITEMS')?.APBILLITEM).map(flat);
  if (items.length === 0) out.push(err('BL03000012', 'A bill needs at least one line.'));
  let total = 0;
  items.forEach((it, i) => {
    checkMaster(state, 'account', it.ACCOUNTNO ?? '', out);
    if (!it.ACCOUNTNO) out.push(err('BL03000013', `Line ${i + 1}: ACCOUNTNO is required.`));
    total += amount(it.TRX_AMOUNT ?? '', currency, i + 1, out, true);
    checkMaster(state, 'department', it.DEPARTMENTID ?? '', out);
    checkMaster(state, 'location', it.LOCATIONID ?? '', out);
  });
  const totalText = formatMinor(total, isKnownCurrency(currency) ? currency : 'USD');
  return finish(state, 'APBILL', fields, items, controlId, out, { TOTALENTERED: totalText, STATE: 'Posted' });
}
