// VAT (issue 15) in the pure Intacct mappers: a VAT company's bill folds each line's recoverable tax into a
// TAXENTRY (DETAILID = the ERP tax code) with the tax-inclusive TOTALTRXAMOUNT; tax that has no single net line of
// its code stays a line; refunds keep their sign; a US company's bill carries no tax element; tax details read as
// reference data are purchase ones only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowsToReference } from '../../../main/core/adapters/sage-intacct/from-remote';
import { apbill, billLines } from '../../../main/core/adapters/sage-intacct/to-remote';
import { foldBillTax } from '../../../main/core/adapters/tax-fold';
import { billPlan, intacctSettings, line } from '../../helpers/intacct-context';

const base = intacctSettings('https://api.intacct.com/ia/xml/xmlgw.phtml');
const vatOn = { ...base, vatEnabled: true, taxSolutionId: 'United Kingdom - VAT' };
const due = { termName: 'N30' };
const net = (n: number, amount: number, code: string, src: string, side: 'debit' | 'credit' = 'debit') => line(n, '6000', side, amount, { taxCode: code, taxRole: 'net', sourceLineId: src });
const tax = (n: number, amount: number, code: string, src: string, side: 'debit' | 'credit' = 'debit') => line(n, '1450', side, amount, { taxCode: code, taxRole: 'tax', sourceLineId: src });
const items = (b: ReturnType<typeof apbill>) => ((b.APBILL as Record<string, unknown>).APBILLITEMS as { APBILLITEM: Array<Record<string, unknown>> }).APBILLITEM;

test('a VAT company: the tax becomes the net line\'s TAXENTRY, TOTALTRXAMOUNT is net plus tax, TAXSOLUTIONID on the header', () => {
  const p = billPlan({ lines: [net(1, 10000, 'STD', 'A'), tax(2, 2000, 'STD', 'A'), line(3, '2000', 'credit', 12000, { partner: 'V100' })] });
  const b = apbill(p, vatOn, due);
  assert.equal((b.APBILL as Record<string, unknown>).TAXSOLUTIONID, 'United Kingdom - VAT');
  assert.deepEqual(items(b), [{ ACCOUNTNO: '6000', TRX_AMOUNT: '100.00', ENTRYDESCRIPTION: 'Line 1', TOTALTRXAMOUNT: '120.00', INCLUSIVETAX: 'false', TAXENTRIES: { TAXENTRY: [{ DETAILID: 'STD', TRX_TAX: '20.00' }] } }]);
});

test('a refund line keeps its sign on the amount and on the tax', () => {
  const p = billPlan({ lines: [net(1, 10000, 'STD', 'A'), tax(2, 2000, 'STD', 'A'), net(3, 1000, 'STD', 'B', 'credit'), tax(4, 200, 'STD', 'B', 'credit'), line(5, '2000', 'credit', 10800, { partner: 'V100' })] });
  assert.deepEqual(items(apbill(p, vatOn, due)).map((i) => [i.TRX_AMOUNT, i.TOTALTRXAMOUNT, (i.TAXENTRIES as { TAXENTRY: Array<{ TRX_TAX: string }> }).TAXENTRY[0]!.TRX_TAX]), [['100.00', '120.00', '20.00'], ['-10.00', '-12.00', '-2.00']]);
});

test('tax without exactly one net line of its code on its source line is not folded', () => {
  const lines = billLines(billPlan({ lines: [net(1, 10000, 'STD', 'A'), net(2, 1000, 'RED', 'A'), tax(3, 2000, 'STD', 'A'), tax(4, 50, 'RED', 'A'), tax(5, 30, 'OTHER', 'C'), line(6, '2000', 'credit', 13080, { partner: 'V100' })] }));
  assert.deepEqual(foldBillTax(lines).map((x) => [x.line.lineNo, x.taxSigned]), [[1, 0], [2, 0], [3, 0], [4, 0], [5, 0]]);
});

test('a company without VAT sends no tax element and keeps the VAT line', () => {
  const b = apbill(billPlan({ lines: [net(1, 10000, 'STD', 'A'), tax(2, 2000, 'STD', 'A'), line(3, '2000', 'credit', 12000, { partner: 'V100' })] }), { ...base, taxSolutionId: 'United Kingdom - VAT' }, due);
  assert.equal('TAXSOLUTIONID' in (b.APBILL as Record<string, unknown>), false);
  assert.deepEqual(items(b).map((i) => [i.ACCOUNTNO, i.TRX_AMOUNT, 'TAXENTRIES' in i]), [['6000', '100.00', false], ['1450', '20.00', false]]);
});

test('TAXDETAIL rows: purchase details become tax codes with their rate, sales ones are left out, inactive flagged', () => {
  const rows = [
    { DETAILID: 'UK Purchase Goods Standard Rate', DESCRIPTION: 'Standard', VALUE: '20', TAXTYPE: 'Purchase', STATUS: 'active' },
    { DETAILID: 'UK Sale Goods Standard Rate', DESCRIPTION: 'Sale', VALUE: '20', TAXTYPE: 'Sale', STATUS: 'active' },
    { DETAILID: 'UK Old', DESCRIPTION: '', VALUE: '17.5', TAXTYPE: 'Purchase', STATUS: 'inactive' },
  ];
  assert.deepEqual(rowsToReference('taxDetail', rows), [
    { kind: 'tax_code', dimensionType: '', code: 'UK Purchase Goods Standard Rate', name: 'Standard · 20 %', active: true },
    { kind: 'tax_code', dimensionType: '', code: 'UK Old', name: 'UK Old · 17.5 %', active: false },
  ]);
});
