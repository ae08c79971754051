// What Intacct checks on a GLBATCH / APBILL create (and the legacy create_bill), as the simulator plays it:
// only the object's own elements (a wrong element name is refused, never dropped), journal, dates and closed
// periods, accounts, departments, locations, vendors, employees (exist and active), exchange-rate types,
// STATE, payment terms, balance, and — when the company keeps references unique — a repeated reference.
import { fromMinor, knownCurrency, toMinor } from './money';
import type { MasterKind, RecordObject, SageIntacctSimState, StoredRecord } from './state';
import { child, elements, list, simError as err, text, type Node, type SimError } from './wire';

export type CreateOutcome = { ok: true; rec: StoredRecord } | { ok: false; errors: SimError[] };

// Codes are the simulator's own (Intacct's real catalogue is not public); the texts follow public wording.
const followUp = (object: string, supportId: string): SimError => err('BL01001973', `[Support ID: ${supportId}]`, '', `Could not create ${object} record!`);

/** The elements each object takes (the official SDK's JournalEntryCreate / JournalEntryLineCreate order). */
const ALLOWED: Record<'GLBATCH' | 'GLENTRY' | 'APBILL' | 'APBILLITEM' | 'APADJUSTMENT' | 'APADJUSTMENTITEM', ReadonlySet<string>> = {
  GLBATCH: new Set(['JOURNAL', 'BATCH_DATE', 'REVERSEDATE', 'BATCH_TITLE', 'HISTORY_COMMENT', 'REFERENCENO', 'BASELOCATION_NO', 'SUPDOCID', 'STATE', 'ENTRIES']),
  GLENTRY: new Set(['DOCUMENT', 'ACCOUNTNO', 'TR_TYPE', 'TRX_AMOUNT', 'CURRENCY', 'EXCH_RATE_DATE', 'EXCH_RATE_TYPE_ID', 'EXCHANGE_RATE', 'ALLOCATION', 'LOCATION', 'DEPARTMENT', 'PROJECTID', 'TASKID', 'COSTTYPEID', 'CUSTOMERID', 'VENDORID', 'EMPLOYEEID', 'ITEMID', 'CLASSID', 'CONTRACTID', 'WAREHOUSEID', 'DESCRIPTION']),
  APBILL: new Set(['WHENCREATED', 'WHENPOSTED', 'VENDORID', 'RECORDID', 'DOCNUMBER', 'DESCRIPTION', 'TERMNAME', 'WHENDUE', 'ACTION', 'SUPDOCID', 'BASECURR', 'CURRENCY', 'EXCH_RATE_DATE', 'EXCH_RATE_TYPE_ID', 'EXCHANGE_RATE', 'TAXSOLUTIONID', 'APBILLITEMS']),
  APBILLITEM: new Set(['ACCOUNTNO', 'ACCOUNTLABEL', 'OFFSETGLACCOUNTNO', 'TRX_AMOUNT', 'TOTALTRXAMOUNT', 'ENTRYDESCRIPTION', 'LOCATIONID', 'DEPARTMENTID', 'PROJECTID', 'TASKID', 'COSTTYPEID', 'CUSTOMERID', 'VENDORID', 'EMPLOYEEID', 'ITEMID', 'CLASSID', 'CONTRACTID', 'WAREHOUSEID', 'BILLABLE', 'ALLOCATION', 'INCLUSIVETAX', 'TAXENTRIES']),
  // AP adjustment (developer.intacct.com/api/accounts-payable/ap-adjustments: vendor, date created, adjustment
  // number, bill number, description, currencies, lines with account, amount, memo and dimensions). The object
  // form's element names are inferred from APBILL's; RECORDID is the adjustment number.
  APADJUSTMENT: new Set(['VENDORID', 'WHENCREATED', 'WHENPOSTED', 'RECORDID', 'DOCNUMBER', 'DESCRIPTION', 'ACTION', 'SUPDOCID', 'BASECURR', 'CURRENCY', 'EXCH_RATE_DATE', 'EXCH_RATE_TYPE_ID', 'EXCHANGE_RATE', 'APADJUSTMENTITEMS']),
  APADJUSTMENTITEM: new Set(['ACCOUNTNO', 'ACCOUNTLABEL', 'OFFSETGLACCOUNTNO', 'TRX_AMOUNT', 'ENTRYDESCRIPTION', 'LOCATIONID', 'DEPARTMENTID', 'PROJECTID', 'CUSTOMERID', 'VENDORID', 'EMPLOYEEID', 'ITEMID', 'CLASSID', 'CONTRACTID', 'WAREHOUSEID']),
};

function checkElements(node: Node, object: keyof typeof ALLOWED, where: string, out: SimError[]): void {
  for (const [name] of elements(node)) if (!ALLOWED[object].has(name)) out.push(err('BL01001975', `${where}: '${name}' is not a field of ${object}.`, `Use the ${object} field names of the API reference.`));
}

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

function checkMaster(state: SageIntacctSimState, kind: MasterKind, value: string, out: SimError[]): void {
  if (!value) return;
  const m = state.master[kind].get(value);
  if (!m) out.push(err('BL03000018', UNKNOWN[kind](value)));
  else if (!m.active) out.push(err('BL03000019', INACTIVE[kind](value)));
}

/** MM/DD/YYYY -> YYYY-MM-DD, or '' when not a date. */
export function fromUsDate(raw: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw.trim());
  if (!m) return '';
  const iso = `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  return Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) ? '' : iso;
}

const toUsDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;

function checkDate(state: SageIntacctSimState, field: string, raw: string, out: SimError[], postingDate: boolean): string {
  const iso = fromUsDate(raw);
  if (!iso) out.push(err('BL03000021', `${field} '${raw}' is not a valid date in the format MM/DD/YYYY.`));
  else if (postingDate && state.closedPeriods.has(iso.slice(0, 7))) out.push(err('BL03000055', `Cannot post to a closed period: ${raw} falls in a period whose books are closed.`, 'Use a date in an open period.'));
  return iso;
}

const flat = (node: Node): Record<string, string> => Object.fromEntries(elements(node).filter(([, v]) => typeof v !== 'object' || v === null).map(([k, v]) => [k, text(v)]));

function amount(raw: string, currency: string, n: number, out: SimError[], allowNegative: boolean): number {
  const minor = toMinor(raw, knownCurrency(currency) ? currency : 'USD');
  if (minor === null || minor === 0 || (!allowNegative && minor < 0)) {
    out.push(err('BL03000030', `Line ${n}: amount '${raw}' is not valid.`));
    return 0;
  }
  return minor;
}

function checkRateType(state: SageIntacctSimState, raw: string | undefined, where: string, out: SimError[]): void {
  if (raw !== undefined && !state.exchangeRateTypes.has(raw)) out.push(err('BL03000032', `${where}: exchange rate type '${raw}' is not valid.`));
}

function checkUnique(state: SageIntacctSimState, object: RecordObject, field: string, value: string | undefined, out: SimError[]): void {
  if (!state.uniqueReferences || !value || state.find(object, field, value).length === 0) return;
  out.push(err('BL34000061', `Another ${object === 'GLBATCH' ? 'Journal Entry' : object === 'APBILL' ? 'Bill' : 'AP Adjustment'} with the given value(s) ${value} already exists`, `Use a unique ${field}.`));
}

function finish(state: SageIntacctSimState, object: RecordObject, fields: Record<string, string>, lines: Array<Record<string, string>>, controlId: string, out: SimError[], extra: Record<string, string>): CreateOutcome {
  if (out.length) return { ok: false, errors: [...out, followUp(object, `sim${state.recordCount() + out.length}%7E${controlId.slice(0, 8)}`)] };
  const recordNo = state.nextRecordNo(object);
  const rec: StoredRecord = { object, recordNo, fields: { ...fields, ...extra, RECORDNO: recordNo }, lines, controlId, createdAt: state.now().toISOString() };
  state.store(rec);
  return { ok: true, rec };
}

/** `entity`: the entity the session signed in to ('' at the top level); its base currency is the default currency. */
export function createGlBatch(state: SageIntacctSimState, node: Node, controlId: string, entity = ''): CreateOutcome {
  const out: SimError[] = [];
  checkElements(node, 'GLBATCH', 'GLBATCH', out);
  const fields = flat(node);
  const journal = fields.JOURNAL ?? '';
  if (!state.journals.has(journal)) out.push(err('BL03000010', `Journal '${journal}' is not valid.`));
  checkDate(state, 'BATCH_DATE', fields.BATCH_DATE ?? '', out, true);
  if (!fields.BATCH_TITLE) out.push(err('BL03000011', 'BATCH_TITLE is required.'));
  const stateValue = fields.STATE ?? 'Posted';
  if (stateValue !== 'Posted' && stateValue !== 'Draft') out.push(err('BL03000016', `STATE '${stateValue}' is not valid: use Draft or Posted.`));
  checkUnique(state, 'GLBATCH', 'REFERENCENO', fields.REFERENCENO, out);
  const raw = list<Node>(child(node, 'ENTRIES')?.GLENTRY);
  raw.forEach((e, i) => checkElements(e, 'GLENTRY', `Line ${i + 1}`, out));
  const entries = raw.map(flat);
  if (entries.length < 2) out.push(err('BL03000012', 'A journal entry needs at least two lines.'));
  const sums = new Map<string, number>();
  entries.forEach((e, i) => {
    const currency = e.CURRENCY || state.currencyOf({ MEGAENTITYID: entity });
    if (!knownCurrency(currency)) out.push(err('BL03000031', `Line ${i + 1}: currency '${currency}' is not valid.`));
    checkRateType(state, e.EXCH_RATE_TYPE_ID, `Line ${i + 1}`, out);
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
  return finish(state, 'GLBATCH', fields, entries, controlId, out, { BATCHNO: String(state.recordCount('GLBATCH') + 1), STATE: stateValue, ...entityField(entity) });
}

/** The due date: WHENDUE as sent, else from TERMNAME, else from the vendor's own term; refused when none applies. */
function dueDate(state: SageIntacctSimState, fields: Record<string, string>, billDate: string, out: SimError[]): { WHENDUE: string; TERMNAME: string } | null {
  if (fields.WHENDUE !== undefined) {
    const iso = checkDate(state, 'WHENDUE', fields.WHENDUE, out, false);
    return iso ? { WHENDUE: fields.WHENDUE, TERMNAME: fields.TERMNAME ?? '' } : null;
  }
  const term = fields.TERMNAME ?? state.master.vendor.get(fields.VENDORID ?? '')?.termName ?? '';
  if (!term) {
    out.push(err('BL03000013', 'Provide WHENDUE or TERMNAME: the vendor has no default payment term.'));
    return null;
  }
  const days = state.terms.get(term);
  if (days === undefined) {
    out.push(err('BL03000018', `Term '${term}' is not valid.`));
    return null;
  }
  if (!billDate) return null;
  const d = new Date(`${billDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return { WHENDUE: toUsDate(d.toISOString().slice(0, 10)), TERMNAME: term };
}

/** `entity`: the entity the session signed in to ('' at the top level): its base currency and tax solution apply. */
export function createApBill(state: SageIntacctSimState, node: Node, controlId: string, entity = ''): CreateOutcome {
  const out: SimError[] = [];
  checkElements(node, 'APBILL', 'APBILL', out);
  const fields = flat(node);
  const books = state.entityBooks.get(entity);
  const currency = fields.CURRENCY || state.currencyOf({ MEGAENTITYID: entity });
  if (!knownCurrency(currency)) out.push(err('BL03000031', `Currency '${currency}' is not valid.`));
  checkRateType(state, fields.EXCH_RATE_TYPE_ID, 'APBILL', out);
  if (!fields.VENDORID) out.push(err('BL03000013', 'VENDORID is required.'));
  checkMaster(state, 'vendor', fields.VENDORID ?? '', out);
  const billDate = checkDate(state, 'WHENCREATED', fields.WHENCREATED ?? '', out, true);
  const due = dueDate(state, fields, billDate, out);
  checkUnique(state, 'APBILL', 'DOCNUMBER', fields.DOCNUMBER, out);
  const raw = list<Node>(child(node, 'APBILLITEMS')?.APBILLITEM);
  raw.forEach((it, i) => checkElements(it, 'APBILLITEM', `Line ${i + 1}`, out));
  const items = raw.map(flat);
  if (items.length === 0) out.push(err('BL03000012', 'A bill needs at least one line.'));
  const vat = checkTaxSolution(state, fields.TAXSOLUTIONID, books?.taxSolutionId ?? '', raw, out);
  const solution = fields.TAXSOLUTIONID || books?.taxSolutionId;
  let total = 0;
  items.forEach((it, i) => {
    checkMaster(state, 'account', it.ACCOUNTNO ?? '', out);
    if (!it.ACCOUNTNO) out.push(err('BL03000013', `Line ${i + 1}: ACCOUNTNO is required.`));
    const lineAmount = amount(it.TRX_AMOUNT ?? '', currency, i + 1, out, true);
    const tax = vat ? lineTax(state, raw[i]!, it, lineAmount, currency, solution, i + 1, out) : 0;
    total += lineAmount + tax;
    checkMaster(state, 'department', it.DEPARTMENTID ?? '', out);
    checkMaster(state, 'location', it.LOCATIONID ?? '', out);
  });
  return finish(state, 'APBILL', fields, items, controlId, out, { ...(due ?? {}), TOTALENTERED: fromMinor(total, knownCurrency(currency) ? currency : 'USD'), STATE: 'Posted', ...entityField(entity) });
}

/**
 * An APADJUSTMENT create. Refused: unknown elements, unknown / inactive vendor, account, department or location,
 * a closed period, no lines, a total that is not positive (the adjustment takes an amount off the vendor balance;
 * inferred), and a repeated adjustment number — always, not only under uniqueReferences (inferred: Intacct's
 * adjustment numbers are document numbers, unique per vendor document type).
 */
export function createApAdjustment(state: SageIntacctSimState, node: Node, controlId: string): CreateOutcome {
  const out: SimError[] = [];
  checkElements(node, 'APADJUSTMENT', 'APADJUSTMENT', out);
  const fields = flat(node);
  const currency = fields.CURRENCY || state.baseCurrency;
  if (!knownCurrency(currency)) out.push(err('BL03000031', `Currency '${currency}' is not valid.`));
  checkRateType(state, fields.EXCH_RATE_TYPE_ID, 'APADJUSTMENT', out);
  if (!fields.VENDORID) out.push(err('BL03000013', 'VENDORID is required.'));
  checkMaster(state, 'vendor', fields.VENDORID ?? '', out);
  checkDate(state, 'WHENCREATED', fields.WHENCREATED ?? '', out, true);
  if (fields.RECORDID && state.find('APADJUSTMENT', 'RECORDID', fields.RECORDID).length > 0) out.push(err('BL34000061', `Another AP Adjustment with the adjustment number ${fields.RECORDID} already exists`, 'Use a unique adjustment number.'));
  const raw = list<Node>(child(node, 'APADJUSTMENTITEMS')?.APADJUSTMENTITEM);
  raw.forEach((it, i) => checkElements(it, 'APADJUSTMENTITEM', `Line ${i + 1}`, out));
  const items = raw.map(flat);
  if (items.length === 0) out.push(err('BL03000012', 'An AP adjustment needs at least one line.'));
  let total = 0;
  items.forEach((it, i) => {
    checkMaster(state, 'account', it.ACCOUNTNO ?? '', out);
    if (!it.ACCOUNTNO) out.push(err('BL03000013', `Line ${i + 1}: ACCOUNTNO is required.`));
    total += amount(it.TRX_AMOUNT ?? '', currency, i + 1, out, true);
    checkMaster(state, 'department', it.DEPARTMENTID ?? '', out);
    checkMaster(state, 'location', it.LOCATIONID ?? '', out);
  });
  if (items.length > 0 && total <= 0) out.push(err('BL03000030', 'The total of an AP adjustment must be greater than zero.'));
  return finish(state, 'APADJUSTMENT', fields, items, controlId, out, { TOTALENTERED: fromMinor(total, knownCurrency(currency) ? currency : 'USD'), STATE: 'Posted' });
}

/** The entity a record was created in (MEGAENTITYID, the owning entity's id on Intacct records: inferred name). */
const entityField = (entity: string): Record<string, string> => (entity ? { MEGAENTITYID: entity } : {});

/**
 * Tax on bills (VAT companies, or an entity that keeps VAT): TAXSOLUTIONID must name a known tax solution — in a
 * VAT entity its own one — and a bill of a company or entity without VAT takes neither it nor tax entries.
 * Wording and codes inferred (the real catalogue is not public).
 */
function checkTaxSolution(state: SageIntacctSimState, solution: string | undefined, entitySolution: string, raw: Node[], out: SimError[]): boolean {
  const taxed = raw.some((it) => child(it, 'TAXENTRIES') !== undefined || text(it.INCLUSIVETAX) !== '');
  if (!state.vatEnabled && !entitySolution) {
    const vatEntities = [...state.entityBooks].filter(([, b]) => b.taxSolutionId).map(([id]) => id);
    const where = vatEntities.length ? `here: only entity ${vatEntities.join(', ')} keeps VAT (sign in to it)` : ': this company is not configured for VAT';
    if (taxed || solution) out.push(err('BL03000140', `Tax entries are not allowed ${where}.`.replace(' :', ':'), 'Remove TAXSOLUTIONID and TAXENTRIES, or enable a tax solution.'));
    return false;
  }
  if (entitySolution && solution && solution !== entitySolution) {
    out.push(err('BL03000141', `Tax solution '${solution}' is not the tax solution of this entity ('${entitySolution}').`));
    return true;
  }
  const known = new Set([...state.taxDetails.values()].map((d) => d.taxSolutionId));
  if (solution && !known.has(solution)) out.push(err('BL03000141', `Tax solution '${solution}' is not valid.`));
  return true;
}

/**
 * One bill line's tax: each TAXENTRY names an active purchase tax detail (of the bill's tax solution when one is
 * given) and its TRX_TAX; the tax has the line's sign and is smaller than it (no VAT rate reaches 100 %: inferred); TOTALTRXAMOUNT, when sent, must be
 * the net plus the tax (INCLUSIVETAX false) or the amount itself (true). Returns the tax added to the bill total.
 */
function lineTax(state: SageIntacctSimState, node: Node, it: Record<string, string>, lineAmount: number, currency: string, solution: string | undefined, n: number, out: SimError[]): number {
  const cur = knownCurrency(currency) ? currency : 'USD';
  const entries = list<Node>(child(node, 'TAXENTRIES')?.TAXENTRY);
  let tax = 0;
  for (const e of entries) {
    for (const [name] of elements(e)) if (!['DETAILID', 'TRX_TAX', 'TAXRATE'].includes(name)) out.push(err('BL01001975', `Line ${n}: '${name}' is not a field of TAXENTRY.`));
    const id = text(e.DETAILID);
    const d = state.taxDetails.get(id);
    if (!d || d.taxType !== 'Purchase') out.push(err('BL03000142', `Line ${n}: tax detail '${id}' is not valid.`, 'Use a purchase tax detail of the company.'));
    else if (!d.active) out.push(err('BL03000143', `Line ${n}: tax detail '${id}' is inactive.`));
    else if (solution && d.taxSolutionId !== solution) out.push(err('BL03000144', `Line ${n}: tax detail '${id}' does not belong to tax solution '${solution}'.`));
    const minor = toMinor(text(e.TRX_TAX), cur);
    if (minor === null) out.push(err('BL03000030', `Line ${n}: tax amount '${text(e.TRX_TAX)}' is not valid.`));
    else tax += minor;
  }
  const inclusive = (it.INCLUSIVETAX ?? 'false').toLowerCase() === 'true';
  if (tax !== 0 && (Math.sign(tax) !== Math.sign(lineAmount) || Math.abs(tax) >= Math.abs(lineAmount))) out.push(err('BL03000145', `Line ${n}: the tax ${fromMinor(tax, cur)} does not fit the line amount ${fromMinor(lineAmount, cur)}.`));
  if (it.TOTALTRXAMOUNT !== undefined) {
    const total = toMinor(it.TOTALTRXAMOUNT, cur);
    const expected = inclusive ? lineAmount : lineAmount + tax;
    if (total !== expected) out.push(err('BL03000146', `Line ${n}: total ${it.TOTALTRXAMOUNT} is not the amount plus its tax (${fromMinor(expected, cur)}).`));
  }
  if (entries.length) {
    it.TRX_TAX = fromMinor(tax, cur);
    it.TAXDETAILIDS = entries.map((e) => text(e.DETAILID)).join(',');
    it.TAXAMOUNTS = entries.map((e) => fromMinor(toMinor(text(e.TRX_TAX), cur) ?? 0, cur)).join(',');
  }
  return inclusive ? 0 : tax;
}

const dateOf = (n: Node | undefined): string | undefined => (n ? `${text(n.month).padStart(2, '0')}/${text(n.day).padStart(2, '0')}/${text(n.year)}` : undefined);

/** The legacy `create_bill` (dtdversion 2.1 and 3.0; what the official SDKs' BillCreate sends), booked as an APBILL. */
export function createLegacyBill(state: SageIntacctSimState, node: Node, controlId: string, entity = ''): CreateOutcome {
  const pick = (k: string) => (node[k] === undefined ? undefined : text(node[k]).trim());
  const header: Record<string, string | undefined> = {
    WHENCREATED: dateOf(child(node, 'datecreated')), WHENPOSTED: dateOf(child(node, 'dateposted')), VENDORID: pick('vendorid'),
    RECORDID: pick('billno'), DOCNUMBER: pick('ponumber'), DESCRIPTION: pick('description'), TERMNAME: pick('termname'), WHENDUE: dateOf(child(node, 'datedue')),
    SUPDOCID: pick('supdocid'), BASECURR: pick('basecurr'), CURRENCY: pick('currency'), EXCH_RATE_TYPE_ID: pick('exchratetype'),
  };
  const LINE: Record<string, string> = { glaccountno: 'ACCOUNTNO', amount: 'TRX_AMOUNT', memo: 'ENTRYDESCRIPTION', locationid: 'LOCATIONID', departmentid: 'DEPARTMENTID', projectid: 'PROJECTID', customerid: 'CUSTOMERID', vendorid: 'VENDORID', employeeid: 'EMPLOYEEID', itemid: 'ITEMID', classid: 'CLASSID', contractid: 'CONTRACTID', warehouseid: 'WAREHOUSEID', billable: 'BILLABLE' };
  const lines = list<Node>(child(node, 'billitems')?.lineitem).map((l) => Object.fromEntries(elements(l).map(([k, v]) => [LINE[k] ?? `legacy:${k}`, text(v)])));
  const apbill: Node = { ...Object.fromEntries(Object.entries(header).filter(([, v]) => v !== undefined && v !== '')), APBILLITEMS: { APBILLITEM: lines } };
  return createApBill(state, apbill, controlId, entity);
}
