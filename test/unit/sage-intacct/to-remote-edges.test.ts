// Item 10 (Sage Intacct mappers): the small helpers of to-remote.ts asserted exactly — description cutting,
// the gateway date format, the key field per object, and empty values left out rather than sent empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apbill, cutText, glbatch, intacctDate, keyFieldFor, objectFor } from '../../../main/core/adapters/sage-intacct/to-remote';
import { billPlan, intacctSettings, line, plan } from '../../helpers/intacct-context';

const s = intacctSettings('https://api.intacct.com/ia/xml/xmlgw.phtml');

test('cutText: control characters become one space, ends trimmed, cut by characters to the limit', () => {
  assert.equal(cutText('  a\r\n\tb  '), 'a b');
  assert.equal(cutText('a\n\nb'), 'a b');
  assert.equal(cutText('abcdef', 3), 'abc');
  assert.equal(cutText('abc', 3), 'abc');
  assert.equal(cutText('ab cd', 3), 'ab', 'the cut end is trimmed');
  assert.equal(cutText('  x', 5), 'x');
  assert.equal(cutText('é'.repeat(4) + '😀😀', 5), 'éééé😀', 'characters, not UTF-16 units');
  assert.equal(cutText('x'.repeat(150)).length, 100);
});

test('intacctDate: MM/DD/YYYY from an ISO date; anything else is refused', () => {
  assert.equal(intacctDate('2024-03-15'), '03/15/2024');
  assert.equal(intacctDate('2024-03-15T10:00:00Z'), '03/15/2024');
  assert.throws(() => intacctDate('15/03/2024'), /not an ISO date: 15\/03\/2024/);
  assert.throws(() => intacctDate('x2024-03-15'), /not an ISO date/);
});

test('objects and key fields: GLBATCH by REFERENCENO, APBILL by the configured field', () => {
  assert.equal(objectFor(plan()), 'GLBATCH');
  assert.equal(objectFor(billPlan()), 'APBILL');
  assert.equal(keyFieldFor(plan(), s), 'REFERENCENO');
  assert.equal(keyFieldFor(billPlan(), { ...s, billKeyField: 'RECORDID' }), 'RECORDID');
});

test('empty values are left out of the request, never sent as empty tags; the title is the description, else the key', () => {
  const p = plan({ description: '', lines: [line(1, '6000', 'debit', 100, { description: '', dimensions: { department: '' } }), line(2, '2050', 'credit', 100)] });
  const g = glbatch(p, s).GLBATCH as Record<string, unknown>;
  const [debit] = (g.ENTRIES as { GLENTRY: Array<Record<string, string>> }).GLENTRY;
  assert.equal('DESCRIPTION' in debit!, false);
  assert.equal('DEPARTMENT' in debit!, false);
  assert.equal(g.BATCH_TITLE, p.idempotencyKey, 'no description: the key titles the batch');
  const titled = glbatch(plan({ description: 'October trip' }), s).GLBATCH as Record<string, unknown>;
  assert.equal(titled.BATCH_TITLE, 'October trip');
  const b = apbill(billPlan({ invoiceNumber: null }), s, { termName: 'N30' }).APBILL as Record<string, unknown>;
  assert.equal('RECORDID' in b, false);
});
