import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amountValue, eidPath, toNetSuiteRecord, type IdLookup } from '../../../main/core/adapters/netsuite/to-remote';
import { errorToReasons, internalIdFromLocation } from '../../../main/core/adapters/netsuite/from-remote';
import { refRow, toReferenceItem } from '../../../main/core/adapters/netsuite/reference';
import { detailsText, errorBodyOf, isConcurrencyRefusal } from '../../../main/core/adapters/netsuite/errors';
import { suiteqlPageSchema, tokenResponseSchema } from '../../../main/core/adapters/netsuite/schemas';
import { netsuiteTargetSchema } from '../../../shared/schemas/systems/netsuite';
import { nsBillPlan, nsLine, nsPlan } from '../../helpers/netsuite-context';

const IDS: Record<string, Record<string, string>> = {
  account: { '6100': '104', '6110': '105', '6120': '106', '6130': '107', '2010': '102' },
  vendor: { V1001: '501' },
  employee: { EMP0001: '701' },
  currency: { EUR: '4', JPY: '5', BHD: '9' },
};
const lookup: IdLookup = {
  hasFeature: () => true,
  account: (c) => IDS.account![c],
  vendor: (c) => IDS.vendor![c],
  employee: (c) => IDS.employee![c],
  currency: (c) => IDS.currency![c],
  subsidiary: (id) => (id === '2' ? { active: true, name: 'Europe' } : id === '3' ? { active: false, name: 'Dormant' } : undefined),
};

test('a journal becomes a journalEntry: header refs, line items with debit/credit, segments and the entity', () => {
  const r = toNetSuiteRecord(nsPlan({ description: 'Trip to Berlin' }), '2', lookup);
  assert.ok(r.ok);
  assert.equal(r.type, 'journalEntry');
  assert.deepEqual(r.body, {
    tranDate: '2026-10-05',
    memo: 'Trip to Berlin',
    subsidiary: { id: '2' },
    currency: { id: '4' },
    line: {
      items: [
        { account: { id: '104' }, debit: 187, memo: 'Line 1', department: { id: '10' }, class: { id: '20' }, location: { id: '30' } },
        { account: { id: '106' }, debit: 45.5, memo: 'Line 2', department: { id: '11' } },
        { account: { id: '102' }, credit: 232.5, memo: 'Line 3', entity: { id: '701' } },
      ],
    },
  });
  assert.equal(JSON.stringify(r.body).includes('"externalId"'), false, 'the external id travels in the URL of the upsert');
});

test('a supplier invoice becomes a vendorBill with the vendor, bill number and expense lines; refunds are negative', () => {
  const plan = nsBillPlan();
  plan.lines.push(nsLine(3, '6130', 'credit', 500));
  const r = toNetSuiteRecord(plan, '', lookup);
  assert.ok(r.ok);
  assert.equal(r.type, 'vendorBill');
  assert.deepEqual(r.body, {
    tranDate: '2026-10-05',
    memo: plan.description,
    currency: { id: '4' },
    entity: { id: '501' },
    tranId: 'INV-2026-00001',
    expense: { items: [{ account: { id: '105' }, amount: 200, memo: 'Line 1', department: { id: '10' } }, { account: { id: '107' }, amount: 19.99, memo: 'Line 2', location: { id: '31' } }, { account: { id: '107' }, amount: -5, memo: 'Line 3' }] },
  });
  assert.equal(eidPath('vendorBill', plan.idempotencyKey), `/record/v1/vendorBill/eid:${plan.idempotencyKey}`);
});

test('amounts keep the currency decimals exactly (JPY 0, BHD 3) and never pass through float arithmetic', () => {
  assert.equal(amountValue(123456, 'JPY'), 123456);
  assert.equal(amountValue(1005, 'BHD'), 1.005);
  assert.equal(amountValue(10, 'EUR'), 0.1);
  assert.equal(JSON.stringify({ v: amountValue(123456789012, 'EUR') }), '{"v":1234567890.12}');
});

test('what cannot be referenced is a hold reason naming the value: subsidiary, currency, account, vendor vs employee', () => {
  const r = toNetSuiteRecord(nsPlan({ currency: 'CHF', lines: [nsLine(1, '7777', 'debit', 100), nsLine(2, '2010', 'credit', 100, { partner: 'EMP0404' })] }), '9', lookup);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(r.reasons.map((x) => [x.code, x.subject]), [['DIMENSION_UNKNOWN', 'subsidiary:9'], ['INVALID_CURRENCY', 'CHF'], ['ACCOUNT_UNKNOWN', '7777'], ['PARTNER_UNKNOWN', 'EMP0404']]);
  const inactive = toNetSuiteRecord(nsPlan(), '3', lookup);
  assert.ok(!inactive.ok && inactive.reasons[0]!.code === 'DIMENSION_INACTIVE' && /Dormant/.test(inactive.reasons[0]!.message));
  const bill = toNetSuiteRecord(nsBillPlan({ partner: 'EMP0001' }), '2', lookup);
  assert.ok(!bill.ok && /employee, not a vendor/.test(bill.reasons[0]!.message));
});

test('error details with code and path become plain reasons naming the line and the value', () => {
  const plan = nsPlan();
  const body = errorBodyOf(JSON.stringify({
    type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1',
    title: 'Bad Request',
    status: 400,
    'o:errorDetails': [
      { detail: 'Invalid department reference key 10: the department is inactive.', 'o:errorCode': 'INVALID_CONTENT', 'o:errorPath': 'line.items[0].department' },
      { detail: 'Invalid account reference key 106.', 'o:errorCode': 'INVALID_CONTENT', 'o:errorPath': 'line.items[1].account' },
      { detail: 'The transaction date you specified is not within the date range of your accounting period.', 'o:errorCode': 'USER_ERROR', 'o:errorPath': 'tranDate' },
      { detail: 'Something odd', 'o:errorCode': 'UNEXPECTED_ERROR' },
    ],
  }));
  const reasons = errorToReasons(body, plan, 400, '');
  assert.deepEqual(reasons.map((r) => [r.code, r.subject, r.lineId]), [['DIMENSION_INACTIVE', 'department:10', 'src-1'], ['ACCOUNT_UNKNOWN', '6120', 'src-2'], ['PERIOD_CLOSED', undefined, undefined], ['ERP_REJECTED', undefined, undefined]]);
  assert.match(reasons[0]!.message, /^NetSuite refused line 1 \(department 10\): Invalid department reference key 10: the department is inactive\. \[INVALID_CONTENT\]$/);
  assert.match(errorToReasons(null, plan, 400, 'plain text')[0]!.message, /HTTP 400\): plain text/);
});

test('Location headers, SuiteQL rows and concurrency refusals are read strictly', () => {
  assert.equal(internalIdFromLocation('https://x/services/rest/record/v1/journalEntry/4711'), '4711');
  assert.equal(internalIdFromLocation('/record/v1/vendorBill/12/'), '12');
  assert.equal(internalIdFromLocation('https://x/services/rest/record/v1/journalEntry/eid:MLC-1'), null);
  assert.equal(internalIdFromLocation(null), null);
  assert.deepEqual(refRow('account', { id: '104', acctnumber: '6100', fullname: 'Travel', isinactive: 'F' }), { id: '104', code: '6100', name: 'Travel', active: true });
  assert.deepEqual(refRow('account', { id: '9', isinactive: 'T' }), { id: '9', code: '9', name: '9', active: false }, 'no account number: the internal id is the code');
  assert.deepEqual(toReferenceItem('class', refRow('class', { id: '20', name: 'Travel' })!), { kind: 'dimension', dimensionType: 'class', code: '20', name: 'Travel', active: true });
  assert.deepEqual(toReferenceItem('employee', refRow('employee', { id: '701', entityid: 'EMP0001', firstname: 'Ada', lastname: 'K' })!), { kind: 'employee', dimensionType: '', code: 'EMP0001', name: 'Ada K', active: true });
  assert.equal(toReferenceItem('currency', refRow('currency', { id: '4', symbol: 'eur' })!), null);
  assert.equal(refRow('vendor', { entityid: 'x' }), null);
  assert.equal(isConcurrencyRefusal(errorBodyOf('{"title":"Bad Request","o:errorDetails":[{"detail":"x","o:errorCode":"SSS_REQUEST_LIMIT_EXCEEDED"}]}')), true);
  assert.equal(isConcurrencyRefusal(errorBodyOf('{"title":"Bad Request","o:errorDetails":[{"detail":"Invalid account","o:errorCode":"INVALID_CONTENT"}]}')), false);
  assert.equal(errorBodyOf('<html></html>'), null);
});

test('settings: account ids with sandbox suffixes pass, cleared form fields mean "not set", defaults are conservative', () => {
  const s = netsuiteTargetSchema.parse({ system: 'netsuite', accountId: '1234567_SB1', restUrl: '', certificateValidUntil: '' });
  assert.equal(s.restUrl, null);
  assert.equal(s.certificateValidUntil, null);
  assert.deepEqual([s.auth, s.scope, s.concurrencyLimit, s.pageSize, s.tokenRenewSeconds], ['oauth2', 'rest_webservices', 2, 1000, 300]);
  assert.equal(netsuiteTargetSchema.safeParse({ system: 'netsuite', accountId: '1234567.SB1' }).success, false);
  assert.equal(netsuiteTargetSchema.safeParse({ system: 'netsuite', accountId: '1', subsidiary: 'Europe' }).success, false);
});

test('documented variations are read: expires_in as text or absent, SuiteQL counts as text, "more" from a next link, o:errorHeader', () => {
  assert.equal(tokenResponseSchema.parse({ access_token: 'a', expires_in: '3600', token_type: 'bearer' }).expires_in, 3600);
  assert.equal(tokenResponseSchema.parse({ access_token: 'a' }).expires_in, 3600, 'the documented 60 minutes when left out');
  const page = (extra: Record<string, unknown>) => suiteqlPageSchema.parse({ items: [{ links: [], id: '1' }], ...extra });
  assert.deepEqual([page({ hasMore: true }).hasMore, page({ hasMore: false, links: [{ rel: 'next', href: 'x' }] }).hasMore], [true, false], 'hasMore wins when present');
  assert.equal(page({ links: [{ rel: 'self', href: 's' }, { rel: 'next', href: 'n' }] }).hasMore, true);
  assert.equal(page({ count: '1', offset: '0', totalResults: '3' }).hasMore, true);
  assert.equal(page({ count: 1, offset: 2, totalResults: 3, links: [] }).hasMore, false);
  assert.deepEqual(suiteqlPageSchema.parse({ items: [], hasMore: false, count: 0, offset: 0, totalResults: 0 }).items, [], 'an empty result');
  const body = errorBodyOf(JSON.stringify({ type: 't', title: 'Bad Request', status: '400', 'o:errorDetails': [{ detail: 'SuiteQL needs Prefer: transient.', 'o:errorCode': 'INVALID_HEADER', 'o:errorHeader': 'Prefer' }] }));
  assert.ok(body);
  assert.equal(detailsText(body), 'SuiteQL needs Prefer: transient. (INVALID_HEADER at Prefer)');
  assert.equal(errorBodyOf(JSON.stringify({ title: 'Not Found', status: 404, 'o:errorDetails': null }))?.title, 'Not Found');
});

test('a supplier credit becomes a vendorCredit: the vendor, expense lines positive where credited, no tranId', () => {
  const bill = nsBillPlan();
  const credit = { ...bill, kind: 'supplier_credit' as const, lines: [{ ...bill.lines[0]!, side: 'credit' as const }, { ...bill.lines[1]!, side: 'debit' as const, amountMinor: 1 }], totalMinor: 19999 };
  const r = toNetSuiteRecord(credit, '2', lookup);
  assert.ok(r.ok);
  assert.equal(r.type, 'vendorCredit');
  assert.equal(r.body.tranId, undefined);
  assert.deepEqual(r.body.entity, { id: '501' });
  assert.deepEqual((r.body.expense as { items: Array<{ account: unknown; amount: number }> }).items.map((i) => [i.account, i.amount]), [[{ id: '105' }, 200], [{ id: '107' }, -0.01]]);
  assert.equal(eidPath(r.type, 'MLC-CR1'), '/record/v1/vendorCredit/eid:MLC-CR1');
});
