// Reconciliation read-back from Acumatica (read-only GETs): the records carrying our keys, found by the same
// `$filter` as duplicate protection (keys.ts: startswith(Description,K), bills also VendorRef eq K), and those
// dated in the month whose Description starts with our prefix (`Date`/`TransactionDate` ge/le with
// datetimeoffset literals: shared/api/acumatica.md "$filter"; ge/le are OData's, inferred). `$expand=Details`
// brings the lines: bills' ExtendedCost (debits to expense accounts), journals' DebitAmount/CreditAmount.
// Cost: per entity 1 request for the month + 1 per 40 keys. A request failing after others answered keeps
// what was read and says so (partial), its keys unchecked.
import { ConnectorError, toErrorPayload } from '../../errors';
import { parseMoney } from '../../money/parse';
import type { PeriodRange, ReadBackDocument, ReadBackResult } from '../types';
import type { AcumaticaClient } from './client';
import { textOf } from './from-remote';
import { KEY_SEPARATOR, KEYS_PER_LOOKUP, keysFilter } from './keys';
import { ACUMATICA_SYSTEM, type AcuEntity } from './schemas';
import { odataString, type AcuEntityName } from './to-remote';

const ENTITIES: AcuEntityName[] = ['Bill', 'JournalTransaction'];
const dateField = (e: AcuEntityName) => (e === 'Bill' ? 'Date' : 'TransactionDate');

/** The month under our prefix: dates as documented datetimeoffset literals, whole days in UTC. */
export function periodFilter(entity: AcuEntityName, range: PeriodRange, prefix: string): string {
  const f = dateField(entity);
  return `startswith(Description,${odataString(prefix)}) and ${f} ge datetimeoffset'${range.from}T00:00:00.000+00:00' and ${f} le datetimeoffset'${range.to}T23:59:59.999+00:00'`;
}

/**
 * The document's screen in the Acumatica UI: `<site>/Main?ScreenId=AP301000&DocType=INV&RefNbr=…` (bills) and
 * `…ScreenId=GL301000&Module=GL&BatchNbr=…` (journals). Inferred from the UI's own deep links (screen ids
 * AP301000/GL301000 and their key fields); not a documented API form.
 */
export function documentUrl(siteBase: string, entity: AcuEntityName, number: string): string {
  const q = entity === 'Bill' ? `ScreenId=AP301000&DocType=INV&RefNbr=${encodeURIComponent(number)}` : `ScreenId=GL301000&Module=GL&BatchNbr=${encodeURIComponent(number)}`;
  return `${siteBase}/Main?${q}`;
}

function minor(row: AcuEntity, field: string, currency: string, what: string): number {
  const raw = textOf(row, field);
  if (!raw) return 0;
  const m = parseMoney(raw, currency);
  if (!m.ok) throw new ConnectorError('REMOTE_PROTOCOL', `Acumatica answered an amount that cannot be read for ${what}: ${m.message}`, { system: ACUMATICA_SYSTEM, retryable: false });
  return m.amountMinor;
}

/** One returned record as a read-back document; null when it carries no key of ours. */
export function toDocument(row: AcuEntity, entity: AcuEntityName, siteBase: string, prefix: string, keys: ReadonlySet<string>): ReadBackDocument | null {
  const lead = textOf(row, 'Description').split(KEY_SEPARATOR)[0]!.trim();
  const ref = entity === 'Bill' ? textOf(row, 'VendorRef').trim() : '';
  const key = keys.has(lead) || lead.startsWith(prefix) ? lead : keys.has(ref) ? ref : '';
  const number = textOf(row, entity === 'Bill' ? 'ReferenceNbr' : 'BatchNbr');
  if (!key || !number) return null;
  const currency = textOf(row, 'CurrencyID').trim();
  if (!currency) throw new ConnectorError('REMOTE_PROTOCOL', `Acumatica ${entity} ${number} came back without a currency`, { system: ACUMATICA_SYSTEM, retryable: false });
  const details = Array.isArray(row.Details) ? (row.Details as AcuEntity[]) : [];
  const byAccount = new Map<string, { account: string; currency: string; debitMinor: number; creditMinor: number }>();
  for (const d of details) {
    const account = textOf(d, 'Account').trim();
    const a = byAccount.get(account) ?? { account, currency, debitMinor: 0, creditMinor: 0 };
    if (entity === 'Bill') {
      const cost = minor(d, 'ExtendedCost', currency, `bill ${number}`);
      if (cost >= 0) a.debitMinor += cost;
      else a.creditMinor -= cost;
    } else {
      a.debitMinor += minor(d, 'DebitAmount', currency, `batch ${number}`);
      a.creditMinor += minor(d, 'CreditAmount', currency, `batch ${number}`);
    }
    byAccount.set(account, a);
  }
  const accounts = [...byAccount.values()];
  // A bill's size is its net cost (its AP credit); a journal's is its debit side.
  const total = entity === 'Bill' ? accounts.reduce((n, a) => n + a.debitMinor - a.creditMinor, 0) : accounts.reduce((n, a) => n + a.debitMinor, 0);
  const date = textOf(row, dateField(entity)).slice(0, 10) || null;
  return { erpId: number, key, date, status: textOf(row, 'Status') || null, totals: [{ currency, amountMinor: total }], accounts, url: documentUrl(siteBase, entity, number) };
}

export async function readBack(client: AcumaticaClient, siteBase: string, q: { keys: readonly string[]; range: PeriodRange; prefix: string }): Promise<ReadBackResult> {
  const wanted = new Set(q.keys);
  const found = new Map<string, ReadBackDocument>();
  const requests: Array<{ entity: AcuEntityName; filter: string; keys: string[] }> = [];
  for (const entity of ENTITIES) {
    requests.push({ entity, filter: periodFilter(entity, q.range, q.prefix), keys: [] });
    for (let i = 0; i < q.keys.length; i += KEYS_PER_LOOKUP) {
      const keys = q.keys.slice(i, i + KEYS_PER_LOOKUP);
      requests.push({ entity, filter: keysFilter(entity, keys), keys });
    }
  }
  return client.withSession(async () => {
    for (const [i, r] of requests.entries()) {
      let rows: AcuEntity[];
      try {
        rows = await client.list(r.entity, { $filter: r.filter, $expand: 'Details' });
      } catch (e) {
        if (i === 0) throw e;
        const seen = new Set([...found.values()].map((d) => d.key));
        const unchecked = [...new Set(requests.slice(i).flatMap((x) => x.keys))].filter((k) => !seen.has(k));
        return { documents: [...found.values()], incomplete: `Acumatica refused a ${r.entity} read (${toErrorPayload(e).message})`, uncheckedKeys: unchecked };
      }
      for (const row of rows) {
        const doc = toDocument(row, r.entity, siteBase, q.prefix, wanted);
        if (doc) found.set(`${r.entity}:${doc.erpId}`, doc);
      }
    }
    return { documents: [...found.values()], incomplete: null };
  });
}
