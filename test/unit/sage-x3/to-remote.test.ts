// PostingPlan -> X3 object XML: balanced lines, exact amounts per currency, escaping, cut descriptions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseObjectXml } from '../../../main/core/adapters/sage-x3/schemas';
import { cutText, invoiceLines, journalObject, planToObjectXml, targetFor } from '../../../main/core/adapters/sage-x3/to-remote';
import { line, plan, x3Settings } from '../../helpers/x3-context';

const settings = x3Settings('https://x3.example.com:8124');

test('journal: header fields, one LIN per line, debit and credit on their own side, balanced', () => {
  const p = plan();
  const obj = parseObjectXml(planToObjectXml(p, settings));
  const h = obj.groups.get('GAS0_1');
  assert.deepEqual(Object.fromEntries(h ?? []), {
    TYP: 'ODEXP', FCY: 'S01', JOU: 'PUR', ACCDAT: '20240315', BPRDAT: '20240314', CUR: 'EUR', DESVCR: 'Expense report Ada', REF: p.idempotencyKey,
  });
  const lines = obj.tables.get('GAS1_1') ?? [];
  assert.equal(lines.length, 2);
  assert.deepEqual(Object.fromEntries(lines[0] ?? []), { ACC: '625100', DEB: '123.45', CCE1: 'CC10', DES: 'Line 1' });
  assert.deepEqual(Object.fromEntries(lines[1] ?? []), { ACC: '421000', CDT: '123.45', DES: 'Line 2', BPR: 'EMP001' });
  const sum = (f: string) => lines.reduce((s, l) => s + Number((l.get(f) ?? '0').replace('.', '')), 0);
  assert.equal(sum('DEB'), sum('CDT'));
});

test('an invoice posted as a journal: the payables line carries the supplier as its business partner (BPR), balanced', () => {
  const p = plan({ sourceKind: 'invoice', partner: 'SUP100', description: 'Acme invoice', lines: [line(1, '606400', 'debit', 34550, { description: 'Paper' }), line(2, '401000', 'credit', 34550, { partner: 'SUP100', partnerRole: 'vendor', description: 'Due to Acme: Acme invoice' })] });
  const obj = parseObjectXml(planToObjectXml(p, settings));
  assert.equal(obj.groups.get('GAS0_1')?.get('TYP'), 'ODEXP', 'a journal entry, not a supplier invoice');
  const lines = obj.tables.get('GAS1_1') ?? [];
  assert.deepEqual(lines.map((l) => Object.fromEntries(l)), [
    { ACC: '606400', DEB: '345.50', DES: 'Paper' },
    { ACC: '401000', CDT: '345.50', DES: 'Due to Acme: Acme invoice', BPR: 'SUP100' },
  ]);
});

test('amounts are exact for 0, 2 and 3 decimal currencies, large values included', () => {
  const cases: Array<[string, number, string]> = [['JPY', 1500, '1500'], ['EUR', 5, '0.05'], ['USD', 900719925474099, '9007199254740.99'], ['KWD', 1234, '1.234'], ['BHD', 7, '0.007']];
  for (const [currency, minor, text] of cases) {
    const obj = parseObjectXml(planToObjectXml(plan({ currency, lines: [line(1, '625100', 'debit', minor), line(2, '421000', 'credit', minor)] }), settings));
    const lines = obj.tables.get('GAS1_1') ?? [];
    assert.equal(lines[0]?.get('DEB'), text, currency);
    assert.equal(lines[1]?.get('CDT'), text, currency);
  }
});

test('XML-special and unicode text survives the round trip; descriptions are cut to 30 characters', () => {
  const desc = 'Dîner <client> & "partners" 🍷 at Müller\'s — Zürich, long text';
  const p = plan({ description: desc, lines: [line(1, '625700', 'debit', 100, { description: 'a<b>&c' }), line(2, '421000', 'credit', 100)] });
  const xml = planToObjectXml(p, settings);
  assert.ok(!xml.includes('<client>'));
  assert.ok(xml.includes('&lt;client&gt; &amp;'));
  const obj = parseObjectXml(xml);
  const d = obj.groups.get('GAS0_1')?.get('DESVCR') ?? '';
  assert.equal(d, cutText(desc));
  assert.ok(Array.from(d).length <= 30);
  assert.ok(d.startsWith('Dîner <client> & "partners" 🍷'));
  assert.equal(obj.tables.get('GAS1_1')?.[0]?.get('DES'), 'a<b>&c');
  // A surrogate pair is never split.
  assert.equal(cutText('🍷'.repeat(40)), '🍷'.repeat(30));
  assert.equal(cutText('a\nb\tc'), 'a b c');
});

test('field codes and blocks come from the settings; an empty code leaves the field out', () => {
  const s = x3Settings('https://x3.example.com', { dimensionTypes: ['costCenter=CCT', 'department=DEP'], journalFields: { headerBlock: 'HDR', linesBlock: 'LNS', reference: 'BPRVCR', documentDate: '', dimensions: { costCenter: 'CCE2', department: 'CCE3' } } });
  const p = plan({ lines: [line(1, '625100', 'debit', 100, { dimensions: { costCenter: 'CC10', department: 'D1', project: 'P9' } }), line(2, '421000', 'credit', 100)] });
  const obj = journalObject(p, s);
  assert.equal(obj.groups[0]?.id, 'HDR');
  assert.ok(obj.groups[0]?.fields.some((f) => f.name === 'BPRVCR' && f.value === p.idempotencyKey));
  assert.ok(!obj.groups[0]?.fields.some((f) => f.name === 'BPRDAT'));
  assert.deepEqual(obj.tables[0]?.lines[0]?.filter((f) => f.name.startsWith('CCE')).map((f) => [f.name, f.value]), [['CCE2', 'CC10'], ['CCE3', 'D1']]);
  assert.deepEqual(targetFor(p, s), { publicName: 'YGAS', referenceField: 'BPRVCR', numberField: 'NUM' });
});

test('supplier invoice: header with supplier, document number, key and total; payable line left to X3', () => {
  const p = plan({
    kind: 'supplier_invoice',
    partner: 'SUP100',
    invoiceNumber: 'INV/77',
    lines: [line(1, '625100', 'debit', 1000), line(2, '625700', 'credit', 250), line(3, '401000', 'credit', 750, { partner: 'SUP100' })],
  });
  assert.deepEqual(invoiceLines(p).map((l) => l.signed), [1000, -250]);
  const obj = parseObjectXml(planToObjectXml(p, settings));
  assert.deepEqual(Object.fromEntries(obj.groups.get('BIS0_1') ?? []), {
    FCY: 'S01', TYP: 'INV', BPR: 'SUP100', ACCDAT: '20240315', BPRDAT: '20240314', CUR: 'EUR', BPRVCR: 'INV/77', DES: 'Expense report Ada', REF: p.idempotencyKey, AMTATI: '7.50',
  });
  assert.deepEqual((obj.tables.get('BIS1_1') ?? []).map((l) => [l.get('ACC'), l.get('AMTNOT')]), [['625100', '10.00'], ['625700', '-2.50']]);
});

test('the object XML follows the PARAM / GRP / FLD / TAB / LIN layout', () => {
  const xml = planToObjectXml(plan(), settings);
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?><PARAM><GRP ID="GAS0_1"><FLD NAME="TYP" TYPE="Char">ODEXP<\/FLD>/);
  assert.match(xml, /<FLD NAME="ACCDAT" TYPE="Date">20240315<\/FLD>/);
  assert.match(xml, /<TAB ID="GAS1_1" SIZE="2"><LIN NUM="1"><FLD NAME="ACC" TYPE="Char">625100<\/FLD><FLD NAME="DEB" TYPE="Decimal">123.45<\/FLD>/);
});
