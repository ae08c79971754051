// Sage X3 mappers at their edges (mutation testing, issue 19 item 10): dimension field codes and the values
// X3 would never see, invoices without a supplier, the key in the supplier-document field, every error
// wording's hold code, messages without text, and query answers in their group form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { parseObjectXml } from '../../../main/core/adapters/sage-x3/schemas';
import { cutText, dimensionFieldCodes, invoiceLines, journalObject, planToObjectXml, supplierInvoiceObject, targetFor, unconfiguredDimensions, X3_DESCRIPTION_MAX } from '../../../main/core/adapters/sage-x3/to-remote';
import { classifyMessage, dimensionNameFor, dimensionTypesIn, documentNumberFrom, matchQuery, messagesToReasons, messagesToWarnings, resourcesToReference, x3Active } from '../../../main/core/adapters/sage-x3/from-remote';
import { line, plan, x3Settings } from '../../helpers/x3-context';

const settings = x3Settings('https://x3.example.com');
const fields = (list: Array<{ name: string; value: string }> | undefined) => Object.fromEntries((list ?? []).map((f) => [f.name, f.value]));

test('cutText: 30 characters by default, kept whole at the limit, trailing space of a cut removed', () => {
  assert.equal(X3_DESCRIPTION_MAX, 30);
  assert.equal(cutText('a'.repeat(30)), 'a'.repeat(30));
  assert.equal(cutText('a'.repeat(31)), 'a'.repeat(30));
  assert.equal(cutText(`${'a'.repeat(29)} bcd`), 'a'.repeat(29));
  assert.equal(cutText('  padded  '), 'padded');
  assert.equal(cutText('abcdef', 4), 'abcd');
  assert.equal(cutText('a\r\n\r\nb'), 'a b');
});

test('dimension field codes: the configured code, else CCE and the position of the type', () => {
  const s = x3Settings('https://x3.example.com', { dimensionTypes: ['costCenter=CCT', 'department=DEP', 'project=PRJ'] });
  assert.deepEqual(dimensionFieldCodes(s, { department: 'ZDEP' }), [
    { name: 'costCenter', field: 'CCE1' },
    { name: 'department', field: 'ZDEP' },
    { name: 'project', field: 'CCE3' },
  ]);
  const p = plan({ lines: [line(1, '625100', 'debit', 100, { dimensions: { costCenter: '', project: 'P1' } }), line(2, '421000', 'credit', 100)] });
  const obj = journalObject(p, s);
  assert.deepEqual(fields(obj.tables[0]?.lines[0]), { ACC: '625100', DEB: '1.00', CCE3: 'P1', DES: 'Line 1' }, 'an empty dimension value is left out');
});

test('dimension values whose type X3 is not set up for are listed with their line; empty ones are not', () => {
  const p = plan({ lines: [line(1, '625100', 'debit', 100, { dimensions: { costCenter: 'CC1', project: 'P1', region: '' } }), line(2, '421000', 'credit', 100, { sourceLineId: null, dimensions: { department: 'D1' } })] });
  assert.deepEqual(unconfiguredDimensions(p, settings), [
    { type: 'project', value: 'P1', lineId: 'src-1' },
    { type: 'department', value: 'D1', lineId: null },
  ]);
  assert.deepEqual(unconfiguredDimensions(plan(), settings), []);
});

test('journal: no document date leaves the field out; a credit line goes in the credit column with its partner', () => {
  const p = plan({ documentDate: '', lines: [line(1, '625100', 'debit', 250), line(2, '421000', 'credit', 250, { partner: 'EMP9' })] });
  const obj = journalObject(p, settings);
  assert.equal('BPRDAT' in fields(obj.groups[0]?.fields), false);
  assert.deepEqual(fields(obj.tables[0]?.lines[1]), { ACC: '421000', CDT: '2.50', DES: 'Line 2', BPR: 'EMP9' });
  assert.deepEqual(obj.tables[0]?.lines[1]?.map((f) => f.type), ['Char', 'Decimal', 'Char', 'Char']);
  assert.deepEqual(obj.groups[0]?.fields.find((f) => f.name === 'ACCDAT')?.type, 'Date');
});

test('invoice lines: without a supplier on the plan every credit goes out negative; a debit carrying the supplier stays', () => {
  const lines = [line(1, '625100', 'debit', 1000, { partner: 'SUP1' }), line(2, '401000', 'credit', 1000, { partner: 'SUP1' })];
  assert.deepEqual(invoiceLines(plan({ kind: 'supplier_invoice', partner: null, lines })).map((l) => l.signed), [1000, -1000]);
  assert.deepEqual(invoiceLines(plan({ kind: 'supplier_invoice', partner: 'SUP1', lines })).map((l) => l.signed), [1000]);
  assert.deepEqual(invoiceLines(plan({ kind: 'supplier_invoice', partner: 'SUP2', lines })).map((l) => l.signed), [1000, -1000]);
});

test('supplier invoice: the key wins the supplier-document field; a missing supplier is sent empty for X3 to refuse', () => {
  const s = x3Settings('https://x3.example.com', { supplierInvoiceFields: { reference: 'BPRVCR' } });
  const p = plan({ kind: 'supplier_invoice', partner: 'SUP1', invoiceNumber: 'INV/1', documentDate: '', lines: [line(1, '625100', 'debit', 500, { dimensions: { costCenter: 'CC1' } }), line(2, '401000', 'credit', 500, { partner: 'SUP1' })] });
  const obj = supplierInvoiceObject(p, s);
  const h = fields(obj.groups[0]?.fields);
  assert.equal(h.BPRVCR, p.idempotencyKey);
  assert.equal(obj.groups[0]?.fields.filter((f) => f.name === 'BPRVCR').length, 1);
  assert.equal('BPRDAT' in h, false);
  assert.equal(obj.groups[0]?.fields.find((f) => f.name === 'AMTATI')?.type, 'Decimal');
  assert.deepEqual(fields(obj.tables[0]?.lines[0]), { ACC: '625100', AMTNOT: '5.00', CCE1: 'CC1', DES: 'Line 1' });
  const none = supplierInvoiceObject(plan({ kind: 'supplier_invoice', partner: null, invoiceNumber: null }), settings);
  assert.equal(fields(none.groups[0]?.fields).BPR, '');
  assert.equal('BPRVCR' in fields(none.groups[0]?.fields), false);
});

test('the plan kind picks the object and its fields', () => {
  const inv = plan({ kind: 'supplier_invoice', partner: 'SUP1' });
  assert.ok(parseObjectXml(planToObjectXml(inv, settings)).groups.has('BIS0_1'));
  assert.ok(parseObjectXml(planToObjectXml(plan(), settings)).groups.has('GAS0_1'));
  assert.deepEqual(targetFor(inv, settings), { publicName: settings.supplierInvoicePublicName, referenceField: 'REF', numberField: settings.supplierInvoiceFields.documentNumber });
  assert.notEqual(settings.supplierInvoicePublicName, settings.journalPublicName);
});

test('active flags: every "no" form is inactive, anything else active', () => {
  assert.deepEqual(['1', 'false', 'no', 'n', '0', 'inactive', ' NO ', 0, 1].map(x3Active), [false, false, false, false, false, false, false, false, false]);
  assert.deepEqual(['2', 'true', 'yes', 'active', 2, null, {}, []].map(x3Active), [true, true, true, true, true, true, true, true]);
});

test('dimension records: the type matched case-blind; without DIE only when one type is configured', () => {
  const two = [{ name: 'costCenter', x3Type: 'CCT' }, { name: 'department', x3Type: 'DEP' }];
  assert.equal(dimensionNameFor('dep', two), 'department');
  assert.equal(dimensionNameFor('', two), undefined);
  assert.equal(dimensionNameFor('', [{ name: 'costCenter', x3Type: 'CCT' }]), 'costCenter');
  assert.equal(dimensionNameFor('XXX', two), undefined);
  assert.deepEqual(resourcesToReference('costCenter', [{ CCE: 'C1' }, { CCE: 'D1', DIE: 'dep', CCEDES: 'Dept' }], { dimensions: two }), [{ kind: 'dimension', dimensionType: 'department', code: 'D1', name: 'Dept', active: true }]);
  assert.deepEqual(resourcesToReference('costCenter', [{ CCE: 'C1', DIE: 'ANY' }]), [{ kind: 'dimension', dimensionType: 'costCenter', code: 'C1', name: 'C1', active: true }], 'no types configured: every record is a cost center');
  assert.deepEqual(dimensionTypesIn([{ DIE: 'cct' }, { DIE: 'CCT' }, { DIE: ' DEP ' }, {}, null, 'x']), ['CCT', 'DEP']);
});

test('reference records: codes and names in every documented key, numbers as text, the first present active flag', () => {
  assert.deepEqual(resourcesToReference('account', [null, 'x', { ACCNUM: 601, ACCDES: 'Supplies', ACTFLG: 1 }, { code: ' 602 ', name: 'Other', ENAFLG: null, isActive: false }, { ACC: '  ' }]), [
    { kind: 'account', dimensionType: '', code: '601', name: 'Supplies', active: false },
    { kind: 'account', dimensionType: '', code: '602', name: 'Other', active: false },
  ]);
  assert.deepEqual(resourcesToReference('supplier', [{ BPRNUM: 'S2', BPRSHO: 'Short' }, { BPR: 'S3', BPSACT: true }]), [
    { kind: 'supplier', dimensionType: '', code: 'S2', name: 'Short', active: true },
    { kind: 'supplier', dimensionType: '', code: 'S3', name: 'S3', active: true },
  ]);
});

test('every documented X3 error wording maps to its hold code', () => {
  const cases: Array<[string, string]> = [
    ['Entry not balanced', 'UNBALANCED'],
    ['Document out of balance', 'UNBALANCED'],
    ['Balance error on the entry', 'UNBALANCED'],
    ['Balance difference 0.01', 'UNBALANCED'],
    ['Debit and credit are not equal', 'UNBALANCED'],
    ['Debit 10.00 and credit 9.00 differ', 'UNBALANCED'],
    ['Period not open for this company', 'PERIOD_CLOSED'],
    ['Period 03 locked', 'PERIOD_CLOSED'],
    ['Fiscal year 2023 closed', 'PERIOD_CLOSED'],
    ['Locked period', 'PERIOD_CLOSED'],
    ['Closed fiscal year', 'PERIOD_CLOSED'],
    ['Account 601 not active', 'ACCOUNT_INACTIVE'],
    ['Account 601 blocked', 'ACCOUNT_INACTIVE'],
    ['Account 601 disabled', 'ACCOUNT_INACTIVE'],
    ['Account 601 not authorized', 'ACCOUNT_INACTIVE'],
    ['Account 601 not authorised', 'ACCOUNT_INACTIVE'],
    ["Account 601 doesn't exist", 'ACCOUNT_UNKNOWN'],
    ['Unknown ACC 601', 'ACCOUNT_UNKNOWN'],
    ['Nonexistent account 601', 'ACCOUNT_UNKNOWN'],
    ['Non-existent account 601', 'ACCOUNT_UNKNOWN'],
    ['No such account 601', 'ACCOUNT_UNKNOWN'],
    ['Invalid account 601', 'ACCOUNT_UNKNOWN'],
    ['Account 601 record not on file', 'ACCOUNT_UNKNOWN'],
    ['BP EMP1 unknown', 'PARTNER_UNKNOWN'],
    ['BPR EMP1 unknown', 'PARTNER_UNKNOWN'],
    ['BPS SUP1 inactive', 'PARTNER_INACTIVE'],
    ['Analytic section X1 unknown', 'DIMENSION_UNKNOWN'],
    ['CCE2 X1 unknown', 'DIMENSION_UNKNOWN'],
    ['Cost centre X1 unknown', 'DIMENSION_UNKNOWN'],
    ['Section X1 blocked', 'DIMENSION_INACTIVE'],
    ['Site S9 unknown', 'ERP_REJECTED'],
  ];
  for (const [text, code] of cases) assert.equal(classifyMessage(text).code, code, text);
});

test('the named value: after the entity word, never a stop word', () => {
  assert.equal(classifyMessage('Account: 601 unknown').subject, '601');
  assert.equal(classifyMessage('Supplier is inactive').subject, undefined);
  assert.equal(classifyMessage('Cost centre CC9 unknown').subject, 'CC9');
  assert.equal(classifyMessage('BPS SUP1 inactive').subject, 'SUP1');
  assert.equal(classifyMessage('ACC 601 unknown').subject, '601');
  assert.equal(classifyMessage('Dimension code unknown').subject, undefined);
});

test('messages: type 3 only (spaces around the type allowed), without text, line numbers in every form', () => {
  const reasons = messagesToReasons([{ type: ' 3 ', message: '' }, { type: '3', message: 'Line no. 4 : Account 9 : record does not exist' }, { type: '3', message: 'Line 7 : Account 8 : record does not exist' }], (n) => (n === 4 ? 'src-4' : undefined));
  assert.deepEqual(reasons, [
    { code: 'ERP_REJECTED', message: 'Sage X3 error without text' },
    { code: 'ACCOUNT_UNKNOWN', message: 'Line no. 4 : Account 9 : record does not exist', subject: '9', lineId: 'src-4' },
    { code: 'ACCOUNT_UNKNOWN', message: 'Line 7 : Account 8 : record does not exist', subject: '8' },
  ]);
  assert.equal(messagesToReasons([{ type: '3', message: 'Line 2 : Account 1 : record does not exist' }])[0]?.lineId, undefined);
  assert.deepEqual(messagesToReasons([{ type: '1', message: 'a' }, { type: '2', message: '' }, { type: '2', message: 'b' }]), [{ code: 'ERP_REJECTED', message: 'Sage X3 refused the document: a / b' }]);
  assert.deepEqual(messagesToReasons([{ type: '1', message: '' }]), [{ code: 'ERP_REJECTED', message: 'Sage X3 refused the document without giving a reason' }]);
  assert.deepEqual(messagesToWarnings([{ type: '1', message: '' }, { type: '', message: 'untyped' }, { type: '3', message: 'e' }]), ['untyped']);
});

test('document numbers: trimmed, from a table row too; an empty answer is an uncertain, non-retryable protocol error', () => {
  assert.equal(documentNumberFrom('<RESULT><TAB ID="T"><LIN NUM="1"><FLD NAME="NUM"> N1 </FLD></LIN></TAB></RESULT>', 'NUM'), 'N1');
  assert.equal(documentNumberFrom('<RESULT><GRP ID="A"><FLD NAME="NUM"> </FLD></GRP><GRP ID="B"><FLD NAME="NUM">N2</FLD></GRP></RESULT>', 'NUM'), 'N2');
  for (const xml of ['', '   ']) {
    assert.throws(() => documentNumberFrom(xml, 'NUM'), (e: unknown) => isConnectorError(e) && e.uncertain && !e.retryable && /no NUM field/.test(e.message));
  }
});

test('query answers in group form, references trimmed, rows without a number ignored', () => {
  const grp = (num: string, ref?: string) => `<GRP ID="G${num}"><FLD NAME="NUM">${num}</FLD>${ref !== undefined ? `<FLD NAME="REF">${ref}</FLD>` : ''}</GRP>`;
  assert.deepEqual(matchQuery(`<RESULT>${grp('A1', ' K1 ')}</RESULT>`, 'REF', 'NUM', 'K1'), ['A1']);
  assert.deepEqual(matchQuery(`<RESULT>${grp('A1')}</RESULT>`, 'REF', 'NUM', 'K1'), ['A1']);
  assert.deepEqual(matchQuery(`<RESULT><TAB ID="T"><LIN NUM="1"><FLD NAME="NUM"> </FLD><FLD NAME="REF">K1</FLD></LIN><LIN NUM="2"><FLD NAME="NUM"> B2 </FLD><FLD NAME="REF">K1</FLD></LIN></TAB></RESULT>`, 'REF', 'NUM', 'K1'), ['B2']);
  assert.deepEqual(matchQuery('  ', 'REF', 'NUM', 'K1'), []);
  assert.throws(
    () => matchQuery(`<RESULT>${grp('A1')}${grp('A2')}</RESULT>`, 'REF', 'NUM', 'K1'),
    (e: unknown) => isConnectorError(e) && e.code === 'REMOTE_PROTOCOL' && !e.retryable && /with 2 documents and no REF field/.test(e.message),
  );
});

test('every documented code, name and active key is read, for each kind', () => {
  const codeKeys = { account: ['ACC', 'ACCNUM', 'code'], supplier: ['BPSNUM', 'BPRNUM', 'BPR', 'code'], costCenter: ['CCE', 'code'] } as const;
  const nameKeys = { account: ['DES', 'DESTRA', 'ACCDES', 'description', 'name'], supplier: ['BPSNAM', 'BPRNAM', 'BPSSHO', 'BPRSHO', 'description', 'name'], costCenter: ['DES', 'DESTRA', 'CCEDES', 'description', 'name'] } as const;
  for (const kind of ['account', 'supplier', 'costCenter'] as const) {
    for (const k of codeKeys[kind]) assert.equal(resourcesToReference(kind, [{ [k]: 'C1' }])[0]?.code, 'C1', `${kind} code ${k}`);
    for (const k of nameKeys[kind]) assert.equal(resourcesToReference(kind, [{ [codeKeys[kind][0]]: 'C1', [k]: 'Named' }])[0]?.name, 'Named', `${kind} name ${k}`);
    for (const k of ['ENAFLG', 'ACTFLG', 'BPSACT', 'isActive', 'active']) assert.equal(resourcesToReference(kind, [{ [codeKeys[kind][0]]: 'C1', [k]: 1 }])[0]?.active, false, `${kind} active ${k}`);
  }
  assert.equal(resourcesToReference('account', [{ ACC: 'C1', XYZ: 'Named' }])[0]?.name, 'C1', 'an unknown key is not a name');
});

test('a word X3 puts after the entity is never taken for the value', () => {
  for (const w of ['record', 'does', 'is', 'not', 'the', 'inactive', 'mandatory', 'type', 'code', 'field', 'unknown', 'invalid']) {
    assert.equal(classifyMessage(`Account ${w} unknown`).subject, undefined, w);
    assert.equal(classifyMessage(`Account ${w.toUpperCase()} unknown`).subject, undefined, w.toUpperCase());
  }
  assert.equal(classifyMessage('Account A-1_B unknown').subject, 'A-1_B');
});

test('every field goes out with its X3 type: Char, Date or Decimal', () => {
  const s = x3Settings('https://x3.example.com', { dimensionTypes: ['costCenter=CCT'] });
  const j = journalObject(plan({ lines: [line(1, '625100', 'debit', 100, { dimensions: { costCenter: 'CC1' } }), line(2, '421000', 'credit', 100, { partner: 'E1' })] }), s);
  const types = (list: Array<{ name: string; type: string }> | undefined) => Object.fromEntries((list ?? []).map((f) => [f.name, f.type]));
  assert.deepEqual(types(j.groups[0]?.fields), { TYP: 'Char', FCY: 'Char', JOU: 'Char', ACCDAT: 'Date', BPRDAT: 'Date', CUR: 'Char', DESVCR: 'Char', REF: 'Char' });
  assert.deepEqual(types(j.tables[0]?.lines[0]), { ACC: 'Char', DEB: 'Decimal', CCE1: 'Char', DES: 'Char' });
  const inv = supplierInvoiceObject(plan({ kind: 'supplier_invoice', partner: 'SUP1', invoiceNumber: 'INV/1', lines: [line(1, '625100', 'debit', 100, { dimensions: { costCenter: 'CC1' } })] }), s);
  assert.deepEqual(types(inv.groups[0]?.fields), { FCY: 'Char', TYP: 'Char', BPR: 'Char', ACCDAT: 'Date', BPRDAT: 'Date', CUR: 'Char', BPRVCR: 'Char', DES: 'Char', REF: 'Char', AMTATI: 'Decimal' });
  assert.deepEqual(types(inv.tables[0]?.lines[0]), { ACC: 'Char', AMTNOT: 'Decimal', CCE1: 'Char', DES: 'Char' });
  const keyed = supplierInvoiceObject(plan({ kind: 'supplier_invoice', partner: 'SUP1', invoiceNumber: 'INV/1' }), x3Settings('https://x3.example.com', { supplierInvoiceFields: { reference: 'BPRVCR' } }));
  assert.deepEqual(keyed.groups[0]?.fields.map((f) => f.name), ['FCY', 'TYP', 'BPR', 'ACCDAT', 'BPRDAT', 'CUR', 'DES', 'BPRVCR', 'AMTATI'], 'no field for the invoice number when the key has its place');
});

test('an invoice without a supplier keeps its credit lines without a partner too', () => {
  assert.deepEqual(invoiceLines(plan({ kind: 'supplier_invoice', partner: null, lines: [line(1, '625100', 'debit', 1000), line(2, '625700', 'credit', 300)] })).map((l) => l.signed), [1000, -300]);
});

test('dimension records with no type configured at all are skipped, not guessed', () => {
  assert.deepEqual(resourcesToReference('costCenter', [{ CCE: 'C1' }, { CCE: 'C2', DIE: 'CCT' }], { dimensions: [] }), []);
});

test('an entity named without an unknown/inactive wording is a plain refusal', () => {
  assert.deepEqual(classifyMessage('Account 601 needs a tax rule'), { code: 'ERP_REJECTED' });
  assert.deepEqual(classifyMessage('Supplier SUP1 is blocked for payment only'), { code: 'PARTNER_INACTIVE', subject: 'SUP1' });
});

test('values written right after the entity, with or without a colon or space', () => {
  const cases: Array<[string, string, string]> = [
    ['Supplier:SUP1 unknown', 'PARTNER_UNKNOWN', 'SUP1'],
    ['Supplier :SUP1 unknown', 'PARTNER_UNKNOWN', 'SUP1'],
    ['BPR EMP1 unknown', 'PARTNER_UNKNOWN', 'EMP1'],
    ['BPS:S2 unknown', 'PARTNER_UNKNOWN', 'S2'],
    ['CCE X1 unknown', 'DIMENSION_UNKNOWN', 'X1'],
    ['CCE2 X1 unknown', 'DIMENSION_UNKNOWN', 'X1'],
    ['Cost center:XX1 unknown', 'DIMENSION_UNKNOWN', 'XX1'],
    ['Dimension :D1 unknown', 'DIMENSION_UNKNOWN', 'D1'],
    ['Account:601 unknown', 'ACCOUNT_UNKNOWN', '601'],
    ['Account :601 unknown', 'ACCOUNT_UNKNOWN', '601'],
  ];
  for (const [text, code, subject] of cases) assert.deepEqual(classifyMessage(text), { code, subject }, text);
});

test('line numbers in every written form: Line2, Line no 4, Line no.4, two digits', () => {
  const ids = (text: string) => messagesToReasons([{ type: '3', message: text }], (n) => `src-${n}`)[0]?.lineId;
  assert.equal(ids('Line2 : Account 9 : record does not exist'), 'src-2');
  assert.equal(ids('Line no 4 : Account 9 : record does not exist'), 'src-4');
  assert.equal(ids('Line no.4 : Account 9 : record does not exist'), 'src-4');
  assert.equal(ids('Line 12 : Account 9 : record does not exist'), 'src-12');
});

test('malformed answers name what was being read; an ambiguous look-up names Sage X3', () => {
  assert.throws(() => documentNumberFrom('<RESULT><GRP', 'NUM'), /resultXml/);
  assert.throws(() => matchQuery('<RESULT><TAB', 'REF', 'NUM', 'K1'), /query result/);
  const grp = (num: string) => `<GRP ID="G${num}"><FLD NAME="NUM">${num}</FLD></GRP>`;
  assert.throws(() => matchQuery(`<RESULT>${grp('A1')}${grp('A2')}</RESULT>`, 'REF', 'NUM', 'K1'), (e: unknown) => isConnectorError(e) && e.system === 'Sage X3' && e.retryable === false);
});

test('a query row without the number field is ignored, not a crash', () => {
  const xml = '<RESULT><TAB ID="T"><LIN NUM="1"><FLD NAME="REF">K1</FLD></LIN><LIN NUM="2"><FLD NAME="NUM">B2</FLD><FLD NAME="REF">K1</FLD></LIN></TAB></RESULT>';
  assert.deepEqual(matchQuery(xml, 'REF', 'NUM', 'K1'), ['B2']);
});
