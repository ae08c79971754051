// Acumatica's own example payloads (test/fixtures/acumatica-docs, from its Postman collection) as the yardstick
// for our mappers and the simulator: our Bill and JournalTransaction bodies use the same field names, value
// wrapping, date and number forms as Acumatica's examples, and the simulator takes the examples that fit the
// endpoint version it serves (23.200.001) while refusing the 24.200.001-only fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { billEntity, journalEntity } from '../../../main/core/adapters/acumatica/to-remote';
import { writeRecord } from '../../../main/simulators/acumatica/records';
import { AcumaticaSimState } from '../../../main/simulators/acumatica/state';
import { billPlan, journalPlan } from '../../helpers/acumatica-context';

type Obj = Record<string, unknown>;
const fixture = (name: string): Obj => JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/acumatica-docs', name), 'utf8')) as Obj;
const taxBill = fixture('bill-tax-parameters-overridden.json');
const poBill = fixture('bill-purchase-order-lines.json');
const glBatch = fixture('journal-transaction-gl.json');

const headerFields = (...bodies: Obj[]) => new Set(bodies.flatMap((b) => Object.keys(b).filter((k) => !Array.isArray(b[k]) && !SYSTEM.has(k))));
const detailFields = (...bodies: Obj[]) => new Set(bodies.flatMap((b) => ((b.Details as Obj[] | undefined) ?? []).flatMap((d) => Object.keys(d))));
/** Members the contract keeps bare (../shared/api/acumatica.md §3). */
const SYSTEM = new Set(['id', 'rowNumber', 'note', 'custom', 'files', '_links', 'error', 'delete']);
const isWrapped = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && 'value' in v;

/** Default/23.200.001 Bill and BillDetail fields that the examples do not happen to show (Model/Bill.cs, BillDetail.cs). */
const BILL_MODEL_EXTRA = new Set(['BranchID']);
const BILL_DETAIL_MODEL_EXTRA = new Set(['TransactionDescription']);
const GL_DETAIL_MODEL_EXTRA = new Set(['Subaccount', 'DebitAmount', 'CreditAmount', 'TransactionDescription']);

test('our Bill speaks like Acumatica\'s examples: same field names, every value wrapped, ISO business dates, JSON numbers', () => {
  const ours = billEntity(billPlan(), { branch: 'HQ' });
  const knownHeader = headerFields(taxBill, poBill);
  for (const k of Object.keys(ours).filter((f) => f !== 'Details')) assert.ok(knownHeader.has(k) || BILL_MODEL_EXTRA.has(k), `header field ${k} is in the examples or the 23.200.001 model`);
  const knownDetail = detailFields(taxBill, poBill);
  for (const d of ours.Details as Obj[]) for (const k of Object.keys(d)) assert.ok(knownDetail.has(k) || BILL_DETAIL_MODEL_EXTRA.has(k), `detail field ${k}`);
  for (const body of [ours, taxBill, poBill]) {
    for (const [k, v] of Object.entries(body)) if (!Array.isArray(v) && !SYSTEM.has(k)) assert.ok(isWrapped(v), `${k} value-wrapped`);
    for (const d of body.Details as Obj[]) for (const [k, v] of Object.entries(d)) if (!SYSTEM.has(k)) assert.ok(isWrapped(v), `Details/${k} value-wrapped`);
  }
  assert.equal(typeof ((taxBill.Details as Obj[])[0]!.ExtendedCost as Obj).value, 'number');
  assert.equal(typeof ((ours.Details as Obj[])[0]!.ExtendedCost as Obj).value, 'number');
  assert.equal(typeof (ours.Hold as Obj).value, typeof (taxBill.Hold as Obj).value);
  assert.equal((ours.Type as Obj).value, (taxBill.Type as Obj).value);
});

test('our JournalTransaction matches the GL example: Module GL, the same date form, header and line BranchID', () => {
  const ours = journalEntity(journalPlan(), { branch: 'HQ' });
  const knownHeader = headerFields(glBatch);
  for (const k of Object.keys(ours).filter((f) => f !== 'Details')) assert.ok(knownHeader.has(k) || ['CurrencyID', 'Hold'].includes(k), `header field ${k}`);
  const knownDetail = detailFields(glBatch);
  for (const d of ours.Details as Obj[]) for (const k of Object.keys(d)) assert.ok(knownDetail.has(k) || GL_DETAIL_MODEL_EXTRA.has(k), `detail field ${k}`);
  assert.equal((ours.Module as Obj).value, (glBatch.Module as Obj).value);
  const form = /^\d{4}-\d{2}-\d{2}T00:00:00$/;
  assert.match(String((glBatch.TransactionDate as Obj).value), form);
  assert.match(String((ours.TransactionDate as Obj).value), form);
});

function tenant(): AcumaticaSimState {
  const s = new AcumaticaSimState();
  s.addVendors([{ id: 'AAVENDOR' }, { id: 'PRINTICO' }]).add('accounts', [{ id: '50000' }, { id: '10200' }]).add('subaccounts', [{ id: '000000' }]).add('branches', [{ id: 'PRODWHOLE' }, { id: 'HEADOFFICE' }]);
  // The tax example's category and taxes (Canadian GST + BC PST), as that tenant has them set up.
  s.addTaxes([{ id: 'CAGST', description: 'GST', rate: 5 }, { id: 'PST', description: 'BC PST', rate: 7 }], [{ id: 'TEST', taxIds: ['CAGST', 'PST'] }]);
  return s;
}

test('the simulator takes Acumatica\'s examples for its endpoint version and refuses fields of a later one', () => {
  assert.equal(writeRecord('JournalTransaction', glBatch, tenant()).status, 200, 'the GL example is saved');
  const po = writeRecord('Bill', poBill, tenant());
  assert.notEqual(po.status, 400, 'every field of the purchase-order example is known to 23.200.001');
  const tax = writeRecord('Bill', taxBill, tenant());
  assert.equal(tax.status, 400);
  assert.match(tax.status === 400 ? tax.message : '', /CashDiscountDate/);
  const { CashDiscountDate: _c, TaxAmount: _t, ...for23 } = taxBill;
  assert.equal(writeRecord('Bill', for23, tenant()).status, 200, 'without the 24.200.001-only fields the example is saved');
});
