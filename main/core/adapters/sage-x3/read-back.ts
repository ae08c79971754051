// Reconciliation read-back from Sage X3 through the SOAP object web services (read-only operations only):
// each key is found by the duplicate-protection `query` (lookup.ts: one equality criterion on the
// reference field, in the journal and the supplier-invoice web service), then each document found is
// `read` by its number for its lines (account, debit/credit or line amount) and header (date, currency).
// X3 documents only equality criteria (CAdxParamKeyValue) for `query`: no date range and no prefix, so
// documents under our prefix that the outbox does not know cannot be searched; the answer says so.
// X3 documents no URL form for a journal entry or an invoice: no link.
// Cost: 2 queries per key + 1 read per document found.
import type { SageX3TargetSettings } from '../../../../shared/schemas/systems/sage-x3';
import { ConnectorError, toErrorPayload } from '../../errors';
import { parseMoney } from '../../money/parse';
import type { PeriodRange, ReadBackDocument, ReadBackResult } from '../types';
import type { X3Client } from './client';
import { matchQuery } from './from-remote';
import { fromX3Date, parseObjectXml, X3_SYSTEM } from './schemas';

export const NO_PERIOD_SEARCH = 'Sage X3 documents only equality criteria for its SOAP query, so documents under our prefix that the outbox does not know were not searched';

interface Kind {
  publicName: string;
  header: string;
  lines: string;
  reference: string;
  number: string;
  date: string;
  currency: string;
  account: string;
  amounts: (line: Map<string, string>) => { debit: string; credit: string };
  invoice: boolean;
}

function kinds(s: SageX3TargetSettings): Kind[] {
  const j = s.journalFields;
  const b = s.supplierInvoiceFields;
  return [
    { publicName: s.journalPublicName, header: j.headerBlock, lines: j.linesBlock, reference: j.reference, number: j.documentNumber, date: j.accountingDate, currency: j.currency, account: j.lineAccount, amounts: (l) => ({ debit: l.get(j.lineDebit) ?? '', credit: l.get(j.lineCredit) ?? '' }), invoice: false },
    { publicName: s.supplierInvoicePublicName, header: b.headerBlock, lines: b.linesBlock, reference: b.reference, number: b.documentNumber, date: b.accountingDate, currency: b.currency, account: b.lineAccount, amounts: (l) => ({ debit: l.get(b.lineAmount) ?? '', credit: '' }), invoice: true },
  ];
}

function minor(raw: string, currency: string, what: string): number {
  if (!raw.trim()) return 0;
  const m = parseMoney(raw.trim(), currency);
  if (!m.ok) throw new ConnectorError('REMOTE_PROTOCOL', `Sage X3 answered an amount that cannot be read for ${what}: ${m.message}`, { system: X3_SYSTEM, retryable: false });
  return m.amountMinor;
}

/** A `read` answer as a read-back document. Invoice lines are debits (a negative one a credit); its size is their net. */
export function toDocument(resultXml: string, k: Kind, key: string, number: string): ReadBackDocument {
  const obj = parseObjectXml(resultXml, `read of ${number}`);
  const header = obj.groups.get(k.header) ?? new Map<string, string>();
  const currency = (header.get(k.currency) ?? '').trim();
  if (!currency) throw new ConnectorError('REMOTE_PROTOCOL', `Sage X3 ${k.publicName} ${number} came back without ${k.currency} (currency) in ${k.header}`, { system: X3_SYSTEM, retryable: false });
  const byAccount = new Map<string, { account: string; currency: string; debitMinor: number; creditMinor: number }>();
  for (const line of obj.tables.get(k.lines) ?? []) {
    const account = (line.get(k.account) ?? '').trim();
    const a = byAccount.get(account) ?? { account, currency, debitMinor: 0, creditMinor: 0 };
    const { debit, credit } = k.amounts(line);
    const d = minor(debit, currency, number);
    if (d >= 0) a.debitMinor += d;
    else a.creditMinor -= d;
    a.creditMinor += minor(credit, currency, number);
    byAccount.set(account, a);
  }
  const accounts = [...byAccount.values()];
  const debit = accounts.reduce((n, a) => n + a.debitMinor, 0);
  const credit = accounts.reduce((n, a) => n + a.creditMinor, 0);
  // A journal's size is its debit side; an invoice has no payable line on the wire, so its size is the net of its lines.
  const total = k.invoice ? debit - credit : debit;
  return { erpId: number, key, date: fromX3Date(header.get(k.date) ?? '') || null, status: null, totals: [{ currency, amountMinor: total }], accounts, url: null };
}

export async function readBack(client: X3Client, s: SageX3TargetSettings, q: { keys: readonly string[]; range: PeriodRange; prefix: string }): Promise<ReadBackResult> {
  const documents: ReadBackDocument[] = [];
  const done = new Set<string>();
  try {
    for (const key of q.keys) {
      for (const k of kinds(s)) {
        const found = await client.soap('query', k.publicName, { objectKeys: [{ key: k.reference, value: key }], listSize: 10 }, false);
        if (found.status !== 1) throw new ConnectorError('REMOTE_PROTOCOL', `Sage X3 could not look up ${key} in ${k.publicName}: ${found.messages.map((m) => m.message).join(' / ') || 'status 0'}`, { system: X3_SYSTEM, retryable: true });
        for (const number of matchQuery(found.resultXml, k.reference, k.number, key)) {
          const read = await client.soap('read', k.publicName, { objectKeys: [{ key: k.number, value: number }] }, false);
          if (read.status !== 1) throw new ConnectorError('REMOTE_PROTOCOL', `Sage X3 could not read ${k.publicName} ${number}: ${read.messages.map((m) => m.message).join(' / ') || 'status 0'}`, { system: X3_SYSTEM, retryable: true });
          documents.push(toDocument(read.resultXml, k, key, number));
        }
      }
      done.add(key);
    }
  } catch (e) {
    if (done.size === 0) throw e;
    return { documents, incomplete: `${toErrorPayload(e).message}. ${NO_PERIOD_SEARCH}`, uncheckedKeys: q.keys.filter((k) => !done.has(k)) };
  }
  return { documents, incomplete: NO_PERIOD_SEARCH };
}
