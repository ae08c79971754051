import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionInput } from '../../../shared/schemas/connection';
import type { Core } from '../../../main/core/create-core';
import { ACUMATICA_COMPANY, ACUMATICA_CONNECTION_ID, acumaticaConnection, acumaticaMappings, acumaticaSecrets, seedAcumaticaFisCompany } from '../../../main/demo/acumatica-company';
import { acumaticaDemoSeed, createAcumaticaSimulator, type AcumaticaSimulator } from '../../../main/simulators/acumatica';
import { createConcurSimulator, fisOf, type ConcurSimulator, type SimFisDoc } from '../../../main/simulators/concur';
import { startEngineWorld } from '../../helpers/engine-world';

const DOCS = ACUMATICA_COMPANY.documents.expense + ACUMATICA_COMPANY.documents.invoice;

interface AcuWorld {
  core: Core;
  concur: ConcurSimulator;
  acu: AcumaticaSimulator;
  docs(): SimFisDoc[];
}

async function acuWorld(t: { after(fn: () => Promise<void>): void }, target: Partial<Record<string, unknown>> = {}, rules: Partial<ConnectionInput['rules']> = {}): Promise<AcuWorld> {
  const concur = createConcurSimulator({ seed: 3 });
  const requestToken = seedAcumaticaFisCompany(concur);
  const acu = createAcumaticaSimulator(acumaticaDemoSeed());
  const { core } = await startEngineWorld(t, {
    prefix: 'mlc-acu-',
    concur,
    target: acu,
    connection: (concurUrl, siteUrl) => {
      const conn = acumaticaConnection(concurUrl, siteUrl);
      return { ...conn, target: { ...conn.target, ...target } as ConnectionInput['target'], rules: { ...conn.rules, ...rules } };
    },
    secrets: () => acumaticaSecrets(requestToken),
    mappings: acumaticaMappings(),
  });
  const fis = fisOf(concur.state);
  return { core, concur, acu, docs: () => [...fis.docs.values()].filter((d) => d.companyUuid === ACUMATICA_COMPANY.concurCompanyId) };
}

test('Concur FIS → Acumatica: journals and released bills, a lost answer recovered by key, confirmations with the reference number, sessions closed', async (t) => {
  const w = await acuWorld(t);
  // Umbrella Facilities is not an Acumatica vendor yet: its invoice is held, then dismissed.
  w.acu.state.vendors.delete('V1004');
  w.acu.faults.dropAfterCommit = 1;
  const first = await w.core.sync(ACUMATICA_CONNECTION_ID, { actor: 'test' });
  assert.equal(first.status, 'succeeded', first.error ?? '');
  assert.equal(first.fetched, DOCS);
  assert.equal(first.held, 1, JSON.stringify(first));
  assert.equal(first.posted + first.recovered, DOCS - 1, JSON.stringify(first));
  assert.equal(w.acu.stats.dropped, 1);
  assert.equal(w.acu.state.recordCount('JournalTransaction'), ACUMATICA_COMPANY.documents.expense);
  assert.equal(w.acu.state.recordCount('Bill'), ACUMATICA_COMPANY.documents.invoice - 1);
  assert.ok(w.acu.state.records('Bill').every((b) => b.status === 'Open'), 'bills released');

  const posted = w.core.runtime.store.postings.list({ connectionId: ACUMATICA_CONNECTION_ID, status: 'posted', limit: 100 });
  assert.equal(posted.length, DOCS - 1);
  for (const p of posted) {
    const recs = w.acu.state.findByKey(p.idempotency_key);
    assert.equal(recs.length, 1, `${p.source_id} once`);
    assert.equal(recs[0]!.number, p.erp_id);
  }
  // Every posted document was confirmed to Concur with its Acumatica reference number.
  const erpBySource = new Map(posted.map((p) => [p.source_id, p.erp_id]));
  const confirmed = w.docs().filter((d) => d.status === 'POSTING_CONFIRMED_SUCCESS');
  assert.equal(confirmed.length, DOCS - 1);
  for (const d of confirmed) {
    const postingDocs = d.confirmation!.postingDocs as Array<{ companyId: string; documentNumber: string }>;
    assert.equal(postingDocs[0]!.companyId, ACUMATICA_COMPANY.erpCompanyCode);
    assert.equal(postingDocs[0]!.documentNumber, erpBySource.get(d.id), d.id);
  }
  // Subaccounts come from the Concur allocations, branches from the mapping, balancing lines on the default.
  const journal = w.acu.state.records('JournalTransaction')[0]!;
  assert.ok(journal.lines.some((l) => l.account === '20100' && l.subaccount === '000000' && l.branch === 'HQ'));
  assert.ok(journal.lines.filter((l) => l.debitMinor > 0 && l.account !== '14500').every((l) => /^CC\d00$/.test(l.subaccount) && l.branch === 'EU'));
  // The recoverable VAT (issue 15) is its own debit on 14500, in the expense's branch, on the default subaccount.
  const vat = w.acu.state.records('JournalTransaction').flatMap((j) => j.lines).filter((l) => l.account === '14500');
  assert.ok(vat.length > 0 && vat.every((l) => l.debitMinor > 0 && l.subaccount === '000000' && l.branch === 'EU'), JSON.stringify(vat.slice(0, 2)));
  assert.equal(journal.lines.reduce((s, l) => s + l.amountMinor, 0), 0, 'balanced');
  assert.equal(w.acu.stats.logins, w.acu.stats.logouts, 'every session signed out');
  assert.equal(w.acu.state.activeSessions(), 0);

  // The accountant dismisses the held invoice: Concur hears the failure with the reason.
  const held = w.core.runtime.store.postings.list({ connectionId: ACUMATICA_CONNECTION_ID, status: 'held', limit: 10 });
  assert.match(held[0]!.reasons_json, /V1004/);
  await w.core.handlers('test')['held.dismiss']({ id: held[0]!.id, reason: 'Umbrella Facilities is paid outside Acumatica' });
  const again = await w.core.sync(ACUMATICA_CONNECTION_ID, { actor: 'test' });
  assert.equal(again.posted, 0);
  assert.equal(w.acu.state.recordCount(), DOCS - 1, 'nothing posted twice');
  const dismissed = w.docs().find((d) => d.id === held[0]!.source_id)!;
  assert.equal(dismissed.status, 'POSTING_CONFIRMED_FAILURE');
  assert.match(JSON.stringify(dismissed.confirmation), /paid outside Acumatica/);
});

test('bill mode for every document: expense reports become bills to the employee vendor, found by their key after a lost answer', async (t) => {
  const w = await acuWorld(t, { postingMode: 'ap_bill', releaseBills: false }, { postingModes: {} });
  w.acu.faults.dropAfterCommit = 2;
  const run = await w.core.sync(ACUMATICA_CONNECTION_ID, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.equal(run.posted + run.recovered, DOCS, JSON.stringify(run));
  assert.equal(w.acu.state.recordCount('Bill'), DOCS);
  const employeeBills = w.acu.state.records('Bill').filter((b) => b.vendor.startsWith('EMP'));
  assert.equal(employeeBills.length, ACUMATICA_COMPANY.documents.expense);
  // VendorRef is the document's own number (the invoice number, the report id); the key opens the Description.
  assert.ok(w.acu.state.records('Bill').every((b) => b.status === 'Balanced' && /^MLC-[A-Z2-7]{16}( · |$)/.test(b.description) && !b.vendorRef.startsWith('MLC-') && b.vendorRef !== ''));
  assert.equal(new Set(w.acu.state.records('Bill').map((b) => b.description.slice(0, 20))).size, DOCS);
  assert.equal(w.docs().filter((d) => d.status === 'POSTING_CONFIRMED_SUCCESS').length, DOCS);
  assert.equal(w.acu.state.activeSessions(), 0);
});

test('bad input is held with a clear reason, never sent: too many decimals, an unknown account; secrets stay out of the audit', async (t) => {
  const w = await acuWorld(t);
  const fis = fisOf(w.concur.state);
  const [first, second] = w.docs().filter((d) => d.docType === 'expense');
  ((first!.document.expenseEntry as Array<Record<string, unknown>>)[0]!).entryApprovedAmount = 12.345;
  await w.core.handlers('test')['mappings.upsert']({ connectionId: ACUMATICA_CONNECTION_ID, rows: [{ kind: 'expense_type', sourceCode: 'TAXIX', sourceName: 'Taxi', target: '99999', dimensions: { branch: 'EU' } }] });
  const run = await w.core.sync(ACUMATICA_CONNECTION_ID, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  const held = w.core.runtime.store.postings.list({ connectionId: ACUMATICA_CONNECTION_ID, status: 'held', limit: 100 });
  const reasons = (id: string) => (held.find((h) => h.source_id === id)?.reasons_json ?? '');
  assert.match(reasons(first!.id), /INVALID_AMOUNT/);
  assert.ok(held.some((h) => /ACCOUNT_UNKNOWN/.test(h.reasons_json) && /99999/.test(h.reasons_json)), 'unknown account named');
  assert.equal(run.posted + run.held, DOCS, JSON.stringify(run));
  for (const h of held) assert.equal(w.acu.state.findByKey(h.idempotency_key).length, 0, 'held documents never reach Acumatica');
  assert.ok(second && fis.status(second.id) !== 'READY');
  assert.equal(w.acu.stats.rejected, 0, 'nothing malformed was sent');
  const audit = JSON.stringify(w.core.runtime.store.audit.list({ connectionId: ACUMATICA_CONNECTION_ID, limit: 10_000 }));
  assert.ok(!audit.includes('demo-acumatica-password'));
});
