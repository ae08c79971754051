// Entity routes under /entity/<name>/<version>/: GET lists with $filter/$select/$expand/$top/$skip for
// Vendor, Account, Subaccount, Ledger (Branches), FinancialPeriod (Details), Bill and JournalTransaction; PUT creates or updates the
// record its $filter (or the body's key fields) locates, honouring If-None-Match: * (insert only, 412 when
// it exists) and If-Match: * (update only, 412 when it does not); the
// Bill/ReleaseBill action (202 + Location, then 202 … 204 on the status URL).
import { randomUUID } from 'node:crypto';
import { httpError, json, type SimAnswer } from './auth';
import { FilterError, parseFilter } from './odata';
import { recordEntity, writeRecord } from './records';
import type { AcumaticaSimState, SimRecord } from './state';

type Flat = Record<string, string | number | boolean>;
type Row = { flat: Flat; entity: Record<string, unknown> };

const w = (value: unknown) => ({ value });

function wrapFlat(flat: Flat, rowNumber: number): Record<string, unknown> {
  const out: Record<string, unknown> = { id: randomUUID(), rowNumber };
  for (const [k, v] of Object.entries(flat)) out[k] = w(v);
  return out;
}

function recordFlat(r: SimRecord): Flat {
  return r.entity === 'Bill'
    ? { Type: r.type, ReferenceNbr: r.number, Vendor: r.vendor, VendorRef: r.vendorRef, Status: r.status, Description: r.description, Date: `${r.date}T00:00:00` }
    : { Module: 'GL', BatchNbr: r.number, Description: r.description, Status: r.status, TransactionDate: `${r.date}T00:00:00` };
}

/** One month of the financial calendar as a FinancialPeriodDetail row (inferred statuses: Open / Closed). */
function periodDetail(state: AcumaticaSimState, year: number, month: number): Record<string, unknown> {
  const mm = String(month).padStart(2, '0');
  const last = String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0');
  const closed = state.closedPeriods.has(`${year}-${mm}`);
  return {
    id: randomUUID(),
    rowNumber: month,
    FinancialPeriodID: w(`${mm}${year}`),
    PeriodNbr: w(mm),
    Description: w(new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })),
    StartDate: w(`${year}-${mm}-01T00:00:00+00:00`),
    EndDate: w(`${year}-${mm}-${last}T00:00:00+00:00`),
    Status: w(closed ? 'Closed' : 'Open'),
    ClosedInAP: w(closed || state.apClosedPeriods.has(`${year}-${mm}`)),
    AdjustmentPeriod: w(false),
    LengthInDays: w(Number(last)),
  };
}

function rowsOf(entity: string, state: AcumaticaSimState, expand: Set<string>): Row[] | null {
  const rows: Flat[] = [];
  switch (entity) {
    case 'Vendor':
      for (const v of state.vendors.values()) rows.push({ VendorID: v.id, VendorName: v.name, Status: v.status });
      break;
    case 'Account':
      for (const a of state.accounts.values()) rows.push({ AccountCD: a.id, Description: a.name, Active: a.active });
      break;
    case 'Subaccount':
      for (const s of state.subaccounts.values()) rows.push({ SubaccountCD: s.id, Description: s.name, Active: s.active });
      break;
    case 'Tax':
      // Default endpoint Tax entity: TaxID, Description, TaxDisabled (field names inferred from the 23.200.001 metadata).
      for (const t of state.taxes.values()) rows.push({ TaxID: t.id, Description: t.description, TaxDisabled: !t.active });
      break;
    case 'TaxCategory':
      for (const c of state.taxCategories.values()) rows.push({ TaxCategoryID: c.id, Active: c.active });
      break;
    case 'Ledger':
      return [...state.ledgers].map(([id, branches], i) => {
        const flat = { LedgerID: id, Description: `${id} ledger` };
        const entity = wrapFlat(flat, i + 1);
        if (expand.has('Branches')) entity.Branches = branches.map((b, j) => ({ id: randomUUID(), rowNumber: j + 1, BranchID: w(b), BranchName: w(state.branches.get(b)?.name ?? b), Active: w(state.branches.get(b)?.active ?? true) }));
        return { flat, entity };
      });
    case 'FinancialPeriod':
      // One financial year per row, its months in Details (Default endpoint FinancialPeriod / FinancialPeriodDetail).
      return state.financialYears().map((y, i) => {
        const flat = { FinancialYear: String(y), NbrOfPeriods: 12, StartDate: `${y}-01-01T00:00:00+00:00` };
        const entity = wrapFlat(flat, i + 1);
        if (expand.has('Details')) entity.Details = Array.from({ length: 12 }, (_, m) => periodDetail(state, y, m + 1));
        return { flat, entity };
      });
    case 'Bill':
    case 'JournalTransaction':
      return state.records(entity).map((r) => ({ flat: recordFlat(r), entity: recordEntity(r, expand.has('Details')) }));
    default:
      return null;
  }
  return rows.map((flat, i) => ({ flat, entity: wrapFlat(flat, i + 1) }));
}

function select(entity: Record<string, unknown>, fields: string[] | null): Record<string, unknown> {
  if (!fields) return entity;
  const keep = new Set(['id', 'rowNumber', ...fields]);
  return Object.fromEntries(Object.entries(entity).filter(([k]) => keep.has(k) || Array.isArray(entity[k])));
}

export function listEntities(entity: string, query: URLSearchParams, state: AcumaticaSimState): SimAnswer {
  const expand = new Set((query.get('$expand') ?? '').split(',').map((s) => s.trim()).filter(Boolean));
  const rows = rowsOf(entity, state, expand);
  if (!rows) return httpError(404, `No entity named '${entity}' in this endpoint.`);
  let filtered = rows;
  const filter = query.get('$filter');
  if (filter) {
    try {
      const pred = parseFilter(filter);
      filtered = rows.filter((r) => pred(r.flat));
    } catch (e) {
      if (e instanceof FilterError) return httpError(400, `The $filter cannot be applied: ${e.message}`);
      throw e;
    }
  }
  const skip = Number(query.get('$skip') ?? '0');
  const top = query.has('$top') ? Number(query.get('$top')) : Number.POSITIVE_INFINITY;
  if (!Number.isInteger(skip) || skip < 0 || !(top >= 0)) return httpError(400, 'Invalid $top or $skip.');
  const fields = query.get('$select') ? query.get('$select')!.split(',').map((s) => s.trim()) : null;
  return json(200, filtered.slice(skip, skip + top).map((r) => select(r.entity, fields)));
}

type PutOutcome = { answer: SimAnswer; committed: boolean; rejected: boolean };

/** The records a PUT addresses: those its $filter matches, else the one its key fields name; null = a bad $filter. */
function located(entity: 'Bill' | 'JournalTransaction', body: Record<string, unknown>, query: URLSearchParams, state: AcumaticaSimState): SimRecord[] | string {
  const records = state.records(entity);
  const filter = query.get('$filter');
  if (filter) {
    try {
      const pred = parseFilter(filter);
      return records.filter((r) => pred(recordFlat(r)));
    } catch (e) {
      if (e instanceof FilterError) return e.message;
      throw e;
    }
  }
  const v = (f: string) => {
    const x = body[f];
    return x && typeof x === 'object' && 'value' in x ? String((x as { value: unknown }).value ?? '') : '';
  };
  const number = v(entity === 'Bill' ? 'ReferenceNbr' : 'BatchNbr');
  if (!number || number === '<NEW>') return [];
  return records.filter((r) => r.number === number && (entity !== 'Bill' || r.type === (v('Type') || 'Bill')));
}

export function putEntity(entity: string, body: string, state: AcumaticaSimState, query = new URLSearchParams(), headers: { ifMatch?: string; ifNoneMatch?: string } = {}): PutOutcome {
  if (entity !== 'Bill' && entity !== 'JournalTransaction') return { answer: httpError(405, `PUT is not supported for '${entity}' in this simulator.`), committed: false, rejected: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { answer: httpError(400, 'The request body is not valid JSON.'), committed: false, rejected: false };
  }
  const target = located(entity, parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {}, query, state);
  if (typeof target === 'string') return { answer: httpError(400, `The $filter cannot be applied: ${target}`), committed: false, rejected: true };
  if (headers.ifNoneMatch === '*' && target.length > 0) return { answer: httpError(412, `The ${entity} record already exists.`, 'PX.Api.ContractBased.PreconditionFailedException'), committed: false, rejected: true };
  if (headers.ifMatch === '*' && target.length === 0) return { answer: httpError(412, `The ${entity} record does not exist.`, 'PX.Api.ContractBased.PreconditionFailedException'), committed: false, rejected: true };
  if (target.length > 1) return { answer: httpError(500, `The request matches ${target.length} ${entity} records; a PUT updates one.`, 'PX.Data.PXException'), committed: false, rejected: true };
  const r = writeRecord(entity, parsed, state, target[0]);
  if (r.status === 400) return { answer: httpError(400, r.message), committed: false, rejected: true };
  if (r.status === 422) return { answer: json(422, r.body), committed: false, rejected: true };
  return { answer: json(200, r.body), committed: true, rejected: false };
}

/** POST Bill/ReleaseBill: 202 + Location; the status URL answers 202 `releasePolls` times, then 204. */
export function releaseBill(body: string, state: AcumaticaSimState, endpointPath: string): SimAnswer {
  let input: { entity?: Record<string, { value?: unknown }> };
  try {
    input = JSON.parse(body) as typeof input;
  } catch {
    return httpError(400, 'The request body is not valid JSON.');
  }
  const ref = String(input.entity?.ReferenceNbr?.value ?? '');
  const bill = state.records('Bill').find((r) => r.number === ref && r.type === String(input.entity?.Type?.value ?? 'Bill'));
  if (!bill) return httpError(500, `The bill ${ref} cannot be found.`, 'PX.Data.PXException');
  if (bill.status !== 'Balanced') return httpError(500, `The bill ${ref} cannot be released from status '${bill.status}'.`, 'PX.Data.PXException');
  const id = randomUUID();
  state.releases.set(id, { recordId: bill.id, polls: state.releasePolls });
  return { status: 202, headers: { location: `${endpointPath}/Bill/ReleaseBill/status/${id}` } };
}

export function releaseStatus(id: string, state: AcumaticaSimState): SimAnswer {
  const r = state.releases.get(id);
  if (!r) return httpError(404, 'No such long-running operation.');
  if (r.polls > 0) {
    r.polls--;
    return { status: 202 };
  }
  state.releases.delete(id);
  if (state.failNextRelease) {
    const text = state.failNextRelease;
    state.failNextRelease = null;
    return httpError(500, text, 'PX.Data.PXException');
  }
  const bill = state.records('Bill').find((b) => b.id === r.recordId);
  if (bill) bill.status = 'Open';
  return { status: 204 };
}
