// Reconciliation read-back from Sage Intacct, read-only: the GLBATCH and APBILL records carrying our keys
// (the same `query` + `in` filter as duplicate protection, lookup.ts) and those dated in the month whose key
// starts with our prefix (`like` + `between`, both documented query filter operators), then their lines
// (GLENTRY by BATCHNO, APBILLITEM by RECORDKEY) for the totals per currency and GL account.
// Cost: 2 header queries per object (+1 per further 1,000 rows) and 1 line query per 1,000 headers.
import type { SageIntacctTargetSettings } from '../../../../shared/schemas/systems/sage-intacct';
import { ConnectorError } from '../../errors';
import { parseMoney } from '../../money/parse';
import type { PeriodRange, ReadBackDocument, ReadBackResult } from '../types';
import type { IntacctClient } from './client';
import { fieldOf } from './envelope';
import { errorsText } from './errors';
import { INTACCT_SYSTEM, type IntacctFunction } from './schemas';

const PAGE = 1000;
type Filter = Record<string, unknown>;
type Row = Record<string, string>;

/** Intacct writes and filters dates as MM/DD/YYYY. */
const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
const isoDate = (us: string) => (/^\d{2}\/\d{2}\/\d{4}$/.test(us) ? `${us.slice(6)}-${us.slice(0, 2)}-${us.slice(3, 5)}` : us || null);

/** Every row of one `query`, paged by offset. Throws on a failed page: the caller marks the report partial. */
async function queryAll(client: IntacctClient, object: string, fields: string[], filter: Filter): Promise<Row[]> {
  const out: Row[] = [];
  for (let offset = 0; ; ) {
    const fn: IntacctFunction = { controlId: `recon-${object.toLowerCase()}-${offset}`, body: { query: { select: { field: fields }, object, filter, pagesize: String(PAGE), offset: String(offset) } } };
    const r = (await client.run([fn], { write: false })).results[0];
    if (!r || r.status !== 'success') throw new ConnectorError('REMOTE_PROTOCOL', `Sage Intacct could not read ${object}: ${r ? errorsText(r.errors) : 'no result'}`, { system: INTACCT_SYSTEM, retryable: true });
    const rows = r.data?.rows ?? [];
    for (const row of rows) out.push(Object.fromEntries(fields.map((f) => [f, fieldOf(row, f)])));
    if (Number(r.data?.attrs.numremaining ?? '0') <= 0 || rows.length === 0) return out;
    offset += rows.length;
  }
}

const chunks = <T,>(xs: readonly T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

function money(raw: string, currency: string, what: string): number {
  const m = parseMoney(raw, currency);
  if (!m.ok) throw new ConnectorError('REMOTE_PROTOCOL', `Sage Intacct answered an amount that cannot be read for ${what}: ${m.message}`, { system: INTACCT_SYSTEM, retryable: false });
  return m.amountMinor;
}

interface Spec {
  object: 'GLBATCH' | 'APBILL';
  keyField: string;
  dateField: string;
  idField: string;
  headerFields: string[];
  lines: { object: 'GLENTRY' | 'APBILLITEM'; link: string; linkOf: (h: Row) => string; fields: string[] };
}

async function readObject(client: IntacctClient, spec: Spec, keys: readonly string[], range: PeriodRange, prefix: string): Promise<ReadBackDocument[]> {
  const headers = new Map<string, Row>();
  const inRange: Filter = { and: { like: { field: spec.keyField, value: `${prefix}%` }, between: { field: spec.dateField, value: [usDate(range.from), usDate(range.to)] } } };
  for (const filter of [inRange, ...chunks(keys, PAGE).map((part): Filter => ({ in: { field: spec.keyField, value: part } }))]) {
    for (const h of await queryAll(client, spec.object, spec.headerFields, filter)) headers.set(h.RECORDNO!, h);
  }
  const byLink = new Map<string, Row[]>();
  const links = [...headers.values()].map(spec.lines.linkOf);
  for (const part of chunks(links, PAGE)) {
    for (const l of await queryAll(client, spec.lines.object, spec.lines.fields, { in: { field: spec.lines.link, value: part } })) byLink.set(l[spec.lines.link]!, [...(byLink.get(l[spec.lines.link]!) ?? []), l]);
  }
  return [...headers.values()].map((h) => {
    const accounts = new Map<string, { account: string; currency: string; debitMinor: number; creditMinor: number }>();
    for (const l of byLink.get(spec.lines.linkOf(h)) ?? []) {
      const currency = l.CURRENCY || h.CURRENCY || '';
      const amount = money(l.TRX_AMOUNT ?? '', currency, `${spec.object} ${h[spec.idField]}`);
      const a = accounts.get(`${l.ACCOUNTNO}|${currency}`) ?? { account: l.ACCOUNTNO ?? '', currency, debitMinor: 0, creditMinor: 0 };
      // GLENTRY TR_TYPE 1 = debit, -1 = credit; a bill's lines are its expense debits.
      if (l.TR_TYPE === '-1') a.creditMinor += amount;
      else a.debitMinor += amount;
      accounts.set(`${l.ACCOUNTNO}|${currency}`, a);
    }
    const totals = new Map<string, number>();
    for (const a of accounts.values()) totals.set(a.currency, (totals.get(a.currency) ?? 0) + a.debitMinor);
    return {
      erpId: h.RECORDNO!,
      key: h[spec.keyField]!,
      date: isoDate(h[spec.dateField] ?? ''),
      status: h.STATE || null,
      totals: [...totals].map(([currency, amountMinor]) => ({ currency, amountMinor })),
      accounts: [...accounts.values()],
      // Intacct answers a RECORD_URL on some reads (sage-intacct.md, mocks); not requested here: inferred, unverified.
      url: null,
    };
  });
}

const JOURNALS: Spec = {
  object: 'GLBATCH', keyField: 'REFERENCENO', dateField: 'BATCH_DATE', idField: 'BATCHNO', headerFields: ['RECORDNO', 'BATCHNO', 'BATCH_DATE', 'REFERENCENO', 'STATE'],
  lines: { object: 'GLENTRY', link: 'BATCHNO', linkOf: (h) => h.BATCHNO!, fields: ['BATCHNO', 'ACCOUNTNO', 'TR_TYPE', 'TRX_AMOUNT', 'CURRENCY'] },
};
const bills = (s: SageIntacctTargetSettings): Spec => ({
  object: 'APBILL', keyField: s.billKeyField, dateField: 'WHENCREATED', idField: 'RECORDNO', headerFields: [...new Set(['RECORDNO', s.billKeyField, 'WHENCREATED', 'CURRENCY', 'STATE'])],
  lines: { object: 'APBILLITEM', link: 'RECORDKEY', linkOf: (h) => h.RECORDNO!, fields: ['RECORDKEY', 'ACCOUNTNO', 'TRX_AMOUNT', 'CURRENCY'] },
});

/**
 * Journals, then bills. One of them failing keeps the other's documents: the answer says what stopped and
 * which keys were left unchecked (those not found among what was read). Both failing throws.
 */
export async function readBack(client: IntacctClient, s: SageIntacctTargetSettings, q: { keys: readonly string[]; range: PeriodRange; prefix: string }): Promise<ReadBackResult> {
  const documents: ReadBackDocument[] = [];
  const failures: string[] = [];
  for (const spec of [JOURNALS, bills(s)]) {
    try {
      documents.push(...(await readObject(client, spec, q.keys, q.range, q.prefix)));
    } catch (e) {
      if (!(e instanceof ConnectorError)) throw e;
      failures.push(`${spec.object}: ${e.message}`);
    }
  }
  if (failures.length === 2) throw new ConnectorError('REMOTE_PROTOCOL', `Sage Intacct read-back failed. ${failures.join('; ')}`, { system: INTACCT_SYSTEM, retryable: true });
  const found = new Set(documents.map((d) => d.key));
  return { documents, incomplete: failures.length ? failures.join('; ') : null, ...(failures.length ? { uncheckedKeys: q.keys.filter((k) => !found.has(k)) } : {}) };
}
