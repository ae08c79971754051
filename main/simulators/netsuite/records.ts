// Record service of the simulator: upsert by external id (PUT …/<type>/eid:<id>), create (POST …/<type>),
// read by id or external id. Bodies are checked like NetSuite does: references must exist and be active,
// journals must balance, closed periods refuse; every refusal is a 400 with o:errorDetails (code and path).
import type { Answer } from './suiteql';
import { errorBody } from './suiteql';
import { FEATURE_TABLES, type NetSuiteSimState, type SimFeatures, type SimRecordType, type SimTable } from './state';

// The record ids as the REST API names them (camelCase, or the lower-case form of the metadata catalog); other casings are not records.
const TYPES: Record<string, SimRecordType> = { journalEntry: 'journalEntry', journalentry: 'journalEntry', vendorBill: 'vendorBill', vendorbill: 'vendorBill', vendorCredit: 'vendorCredit', vendorcredit: 'vendorCredit' };
export const recordTypeOf = (segment: string): SimRecordType | undefined => (Object.hasOwn(TYPES, segment) ? TYPES[segment] : undefined);

/** Sublists each record takes (what `replace=` may name). */
export const SUBLISTS: Record<SimRecordType, readonly string[]> = { journalEntry: ['line'], vendorBill: ['expense', 'item'], vendorCredit: ['expense', 'item', 'apply'] };

/** Body and line fields each record takes; anything else is refused (property name validation "Error"). */
const BODY_FIELDS: Record<SimRecordType, ReadonlySet<string>> = {
  journalEntry: new Set(['externalId', 'subsidiary', 'tranDate', 'currency', 'exchangeRate', 'memo', 'tranId', 'postingPeriod', 'approved', 'reversalDate', 'customForm', 'line']),
  vendorBill: new Set(['externalId', 'entity', 'subsidiary', 'tranDate', 'dueDate', 'tranId', 'currency', 'exchangeRate', 'memo', 'postingPeriod', 'terms', 'account', 'approvalStatus', 'customForm', 'expense', 'item']),
  // Vendor credit (REST record id vendorCredit, NetSuite Records Browser "Vendor Credit"): like a bill without
  // terms, due date or approval; 'apply' is the sublist of bills it is applied to (not sent by the connector).
  vendorCredit: new Set(['externalId', 'entity', 'subsidiary', 'tranDate', 'tranId', 'currency', 'exchangeRate', 'memo', 'postingPeriod', 'account', 'customForm', 'expense', 'item', 'apply']),
};
const LINE_FIELDS: Record<SimRecordType, ReadonlySet<string>> = {
  journalEntry: new Set(['account', 'debit', 'credit', 'memo', 'department', 'class', 'location', 'entity', 'eliminate']),
  // taxCode / tax1Amt: the tax code of an expense line and its tax amount (fyle-netsuite-api construct_bill_lineitems
  // sends both; netsuite.md §2c, inferred). Journal lines have no tax field over REST: a journal's tax is its own line.
  vendorBill: new Set(['account', 'amount', 'memo', 'department', 'class', 'location', 'customer', 'isBillable', 'category', 'taxCode', 'tax1Amt']),
  vendorCredit: new Set(['account', 'amount', 'memo', 'department', 'class', 'location', 'customer', 'isBillable', 'category', 'taxCode', 'tax1Amt']),
};
const TAX_FIELDS = ['taxCode', 'tax1Amt', 'taxAmount', 'taxRate1', 'taxDetails'];

interface Problem {
  detail: string;
  path: string;
  code?: string;
}

const idOf = (v: unknown): string | undefined => (v && typeof v === 'object' && 'id' in v ? String((v as { id: unknown }).id) : undefined);
/** Amounts compared in ten-thousandths, so float sums cannot hide an imbalance. */
const units = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 10_000) : null);

function checkRef(state: NetSuiteSimState, problems: Problem[], table: SimTable, value: unknown, path: string, label: string, required = false): void {
  if (value === undefined || value === null) {
    if (required) problems.push({ detail: `Please enter value(s) for: ${label}`, path, code: 'USER_ERROR' });
    return;
  }
  const id = idOf(value);
  const row = id ? state.row(table, id) : undefined;
  if (!row) problems.push({ detail: `Invalid ${label} reference key ${id ?? JSON.stringify(value)}.`, path });
  else if (row.isinactive === 'T') problems.push({ detail: `Invalid ${label} reference key ${id}: the ${label} is inactive.`, path });
}

function checkEntity(state: NetSuiteSimState, problems: Problem[], value: unknown, path: string, vendorOnly: boolean): void {
  const id = idOf(value);
  const row = id ? (state.row('vendor', id) ?? (vendorOnly ? undefined : state.row('employee', id))) : undefined;
  if (!row) problems.push({ detail: `Invalid entity reference key ${id ?? JSON.stringify(value)}.`, path });
  else if (row.isinactive === 'T') problems.push({ detail: `Invalid entity reference key ${id}: the entity is inactive.`, path });
}

/** Fields that do not exist in this account: unknown to the record, or owned by a feature switched off. */
function unknownFields(state: NetSuiteSimState, fields: ReadonlySet<string>, obj: Record<string, unknown>, at: (f: string) => string, problems: Problem[]): void {
  for (const f of Object.keys(obj)) {
    const feature = (Object.keys(FEATURE_TABLES) as Array<keyof SimFeatures>).find((k) => FEATURE_TABLES[k].field === f);
    if (!fields.has(f)) problems.push({ detail: `Invalid field: '${f}' is not a field of this record.`, path: at(f), code: 'INVALID_CONTENT' });
    else if (feature && !state.features[feature]) problems.push({ detail: `Invalid field: '${f}' is not available; the ${feature} feature is not enabled in this account.`, path: at(f), code: 'INVALID_CONTENT' });
  }
}

function validate(state: NetSuiteSimState, type: SimRecordType, body: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  unknownFields(state, BODY_FIELDS[type], body, (f) => f, problems);
  if (state.features.oneWorld) checkRef(state, problems, 'subsidiary', body.subsidiary, 'subsidiary', 'subsidiary', true);
  checkRef(state, problems, 'currency', body.currency, 'currency', 'currency');
  const date = typeof body.tranDate === 'string' ? body.tranDate : '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) problems.push({ detail: 'Please enter value(s) for: Date', path: 'tranDate', code: 'USER_ERROR' });
  else if (state.periodRefusal(type, date)) problems.push({ detail: state.periodRefusal(type, date)!, path: 'tranDate', code: 'USER_ERROR' });
  const sublist = type === 'journalEntry' ? 'line' : 'expense';
  const items = (body[sublist] as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items) || items.length === 0) {
    problems.push({ detail: `Please enter value(s) for: ${sublist} lines`, path: sublist, code: 'USER_ERROR' });
    return problems;
  }
  if (type !== 'journalEntry') checkEntity(state, problems, body.entity, 'entity', true);
  let debit = 0;
  let credit = 0;
  items.forEach((raw, i) => {
    const item = (raw ?? {}) as Record<string, unknown>;
    const at = (f: string) => `${sublist}.items[${i}].${f}`;
    if (type === 'journalEntry') {
      for (const f of TAX_FIELDS) if (f in item) problems.push({ detail: `Invalid field: '${f}': journal entry lines carry no tax; post the tax on its own line.`, path: at(f), code: 'INVALID_CONTENT' });
    }
    unknownFields(state, LINE_FIELDS[type], item, at, problems);
    if (type === 'vendorBill') {
      if (item.taxCode !== undefined) checkRef(state, problems, 'salestaxitem', item.taxCode, at('taxCode'), 'tax code');
      if (item.tax1Amt !== undefined) {
        const t = units(item.tax1Amt);
        if (t === null) problems.push({ detail: 'Invalid number for: Tax Amount', path: at('tax1Amt') });
        else if (item.taxCode === undefined) problems.push({ detail: 'Please enter value(s) for: Tax Code', path: at('taxCode'), code: 'USER_ERROR' });
        else if (units(item.amount) !== null && Math.abs(t) > Math.abs(units(item.amount)!)) problems.push({ detail: 'The tax amount cannot exceed the amount of the line.', path: at('tax1Amt'), code: 'USER_ERROR' });
        else debit += t;
      }
    }
    checkRef(state, problems, 'account', item.account, at('account'), 'account', true);
    for (const [f, table] of [['department', 'department'], ['class', 'classification'], ['location', 'location']] as const) if (state.hasTable(table)) checkRef(state, problems, table, item[f], at(f), f);
    if (type === 'journalEntry') {
      if (item.entity !== undefined) checkEntity(state, problems, item.entity, at('entity'), false);
      const d = units(item.debit);
      const c = units(item.credit);
      if ((d === null) === (c === null) || (d ?? c ?? 0) <= 0) problems.push({ detail: 'Each line needs either a positive debit or a positive credit amount.', path: at(d === null ? 'credit' : 'debit') });
      debit += d ?? 0;
      credit += c ?? 0;
    } else if (units(item.amount) === null) problems.push({ detail: 'Please enter value(s) for: Amount', path: at('amount'), code: 'USER_ERROR' });
    else debit += units(item.amount)!;
  });
  if (type === 'vendorBill' && debit < 0) problems.push({ detail: 'The total of a bill cannot be negative: enter a vendor credit instead.', path: sublist, code: 'USER_ERROR' });
  // A vendor credit's expense amounts are positive (what it takes off the vendor balance); a negative total is refused.
  if (type === 'vendorCredit' && debit <= 0) problems.push({ detail: 'The total of a vendor credit must be greater than zero.', path: sublist, code: 'USER_ERROR' });
  if (type === 'journalEntry' && debit !== credit) problems.push({ detail: 'The transaction is out of balance: the debits and credits must be equal.', path: 'line', code: 'USER_ERROR' });
  return problems;
}

const refused = (problems: Problem[]): Answer => ({
  status: 400,
  body: { ...errorBody(400, 'Bad Request', '', ''), 'o:errorDetails': problems.map((p) => ({ detail: p.detail, 'o:errorCode': p.code ?? 'INVALID_CONTENT', 'o:errorPath': p.path })) },
});

export const notFound = (what: string): Answer => ({ status: 404, body: errorBody(404, 'Not Found', `The record instance does not exist. Provide a valid record instance ID. (${what})`, 'NONEXISTENT_ID') });

/** Upsert (externalId given) or create; `location` is the new record's URL. */
export function writeRecord(state: NetSuiteSimState, type: SimRecordType, externalId: string | null, raw: string, base: string, replace: ReadonlySet<string> = new Set()): Answer & { location?: string; committed: boolean; created: boolean } {
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    body = parsed as Record<string, unknown>;
  } catch {
    return { ...refused([{ detail: 'The request body is not a valid JSON object.', path: '', code: 'INVALID_CONTENT' }]), committed: false, created: false };
  }
  if (externalId !== null && !/^[A-Za-z0-9_-]+$/.test(externalId)) return { ...refused([{ detail: `Invalid external id ${externalId}.`, path: 'externalId', code: 'INVALID_ID' }]), committed: false, created: false };
  // NetSuite fills what a new record's body leaves out: today's date, and the subsidiary's (or the account's first) currency.
  // An update is checked as the record it will become (the stored fields under the sent ones).
  const existing = externalId !== null ? state.findByExternalId(type, externalId) : undefined;
  if (!existing && body.tranDate === undefined) body.tranDate = new Date(state.now()).toISOString().slice(0, 10);
  if (!existing && body.currency === undefined) {
    const sub = state.row('subsidiary', String((body.subsidiary as { id?: unknown } | undefined)?.id ?? ''));
    const currency = sub?.currency ?? state.tables.get('currency')![0]?.id;
    if (currency) body.currency = { id: currency };
  }
  const problems = validate(state, type, existing ? { ...existing.body, ...body } : body);
  if (problems.length) return { ...refused(problems), committed: false, created: false };
  const eid = externalId ?? (typeof body.externalId === 'string' ? body.externalId : null);
  const { record, created } = state.upsert(type, eid, { ...body, ...(eid ? { externalId: eid } : {}) }, replace);
  return { status: 204, body: null, location: `${base}/record/v1/${type}/${record.id}`, committed: true, created };
}

export function readRecord(state: NetSuiteSimState, type: SimRecordType, key: string, base: string): Answer {
  const rec = key.startsWith('eid:') ? state.findByExternalId(type, decodeURIComponent(key.slice(4))) : state.transactions.get(key);
  if (!rec || rec.type !== type) return notFound(`${type} ${key}`);
  return { status: 200, body: { links: [{ rel: 'self', href: `${base}/record/v1/${type}/${rec.id}` }], id: rec.id, externalId: rec.externalId, ...rec.body } };
}
