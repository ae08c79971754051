// Survivors of the Sage Intacct mapper mutation run, each pinned by what it changes for the accountant or on
// the wire. Errors and rows are read from gateway answers in the documented shape (sage-intacct.md §4: control /
// operation / authentication / result, errormessage/error with errorno, description, description2, correction;
// §6: readByQuery data with listtype, count, totalcount, numremaining, resultId), not built as objects by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { supplierCreditOf } from '../../../main/core/changes/credit-documents';
import { createSageIntacctTarget, sageIntacctCapabilities } from '../../../main/core/adapters/sage-intacct/adapter';
import { parseResponse } from '../../../main/core/adapters/sage-intacct/envelope';
import { classifyError, errorsToReasons, isDuplicate, recordNoOf, rowsToReference } from '../../../main/core/adapters/sage-intacct/from-remote';
import type { IntacctError } from '../../../main/core/adapters/sage-intacct/schemas';
import { apbill, billLines, INTACCT_SUPPLIER_CREDIT } from '../../../main/core/adapters/sage-intacct/to-remote';
import { parseXml, type XmlNode } from '../../../main/core/adapters/xml';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { billPlan, intacctContext, intacctSettings, line } from '../../helpers/intacct-context';

const GATEWAY = 'https://api.intacct.com/ia/xml/xmlgw.phtml';
const s = intacctSettings(GATEWAY);

const CONTROL = '<control><status>success</status><senderid>MLC_SENDER</senderid><controlid>req-1</controlid><uniqueid>true</uniqueid><dtdversion>3.0</dtdversion></control>';
const AUTH =
  '<authentication><status>success</status><userid>api_user</userid><companyid>ACME-CO</companyid><locationid></locationid><sessiontimestamp>2099-01-01T08:00:00-08:00</sessiontimestamp><sessiontimeout>2099-01-02T08:00:00-08:00</sessiontimeout></authentication>';
const answer = (results: string) => `<?xml version="1.0" encoding="UTF-8"?><response>${CONTROL}<operation>${AUTH}${results}</operation></response>`;

type Err = Partial<IntacctError>;
const errorXml = (e: Err) => `<error><errorno>${e.errorno ?? 'BL01001973'}</errorno><description>${e.description ?? ''}</description><description2>${e.description2 ?? ''}</description2><correction>${e.correction ?? ''}</correction></error>`;

/** The errors of a failed create, as the gateway sends them and parseResponse reads them. */
function refused(...errors: Err[]): IntacctError[] {
  const result = `<result><status>failure</status><function>create</function><controlid>MLC-K1</controlid><errormessage>${errors.map(errorXml).join('')}</errormessage></result>`;
  return parseResponse(answer(result)).results[0]!.errors;
}

const why = (description2: string) => classifyError(refused({ description2 })[0]!);
const expect = (code: string, subject: string | undefined) => (subject ? { code, subject } : { code });

test('duplicates: "already exist" without the s, and a controlid written as one word', () => {
  // assert.equal with a message: a failing assert.ok re-reads its source to word the error, which takes seconds under Stryker.
  assert.equal(isDuplicate(refused({ description2: 'A journal entry with reference MLC-K1 already exist.' })), true, 'already exist');
  assert.equal(isDuplicate(refused({ description2: 'The function controlid MLC-K1 is not unique.' })), true, 'controlid not unique');
  assert.equal(isDuplicate(refused({ description2: 'The function controlid MLC-K1 is too long.' })), false, 'controlid too long');
});

test('an inactive location is DIMENSION_INACTIVE naming it', () => {
  assert.deepEqual(why("Location 'L20' is inactive."), { code: 'DIMENSION_INACTIVE', subject: 'L20' });
});

test('capitalised filler words after the entity word are never taken for the value', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['Vendor Is Inactive: V103', 'PARTNER_INACTIVE', 'V103'],
    ['Department Was Invalid: D9', 'DIMENSION_UNKNOWN', 'D9'],
    ['GL Account Specified: 6000 is not valid', 'ACCOUNT_UNKNOWN', '6000'],
    ['Location Selected (L99) does not exist', 'DIMENSION_UNKNOWN', 'L99'],
    ['Invalid employee. Must name an active employee.', 'PARTNER_UNKNOWN', undefined],
    ['Account Number 6000 is invalid', 'ACCOUNT_UNKNOWN', '6000'],
    ['Employee No E77 is not valid', 'PARTNER_UNKNOWN', 'E77'],
    ['Vendor ID V999 is invalid', 'PARTNER_UNKNOWN', 'V999'],
    ['Invalid vendor: The V999 vendor does not exist', 'PARTNER_UNKNOWN', 'V999'],
    ['Employee Record E404 not found', 'PARTNER_UNKNOWN', 'E404'],
    ['Vendor Not found: V9', 'PARTNER_UNKNOWN', 'V9'],
    ['Activate the vendor. Then retry with V103.', 'PARTNER_INACTIVE', undefined],
    ['Location Dimension L99 is not valid', 'DIMENSION_UNKNOWN', 'L99'],
    ['Inactive account. Requires an active account.', 'ACCOUNT_INACTIVE', undefined],
    ['Invalid department. For help see the department list.', 'DIMENSION_UNKNOWN', undefined],
  ];
  for (const [text, code, subject] of cases) assert.deepEqual(why(text), expect(code, subject), text);
});

test('a quoted value counts only right after the entity word (with number / no / id and a colon, spaced or not), trimmed', () => {
  const cases: Array<[string, string, string]> = [
    ["Vendor V12 is not valid for location 'L1'", 'PARTNER_UNKNOWN', 'V12'],
    ["Vendor: 'V9' is invalid", 'PARTNER_UNKNOWN', 'V9'],
    ["Vendor ID:'V9' is invalid", 'PARTNER_UNKNOWN', 'V9'],
    ["Vendor number : 'V1' is invalid", 'PARTNER_UNKNOWN', 'V1'],
    ["Employee no 'E7' is not valid", 'PARTNER_UNKNOWN', 'E7'],
    ["Department ' D9 ' is not valid", 'DIMENSION_UNKNOWN', 'D9'],
  ];
  for (const [text, code, subject] of cases) assert.deepEqual(why(text), { code, subject }, text);
});

test('an unquoted value: one of the three words after the entity, inner dots kept, trailing dots dropped', () => {
  assert.deepEqual(why('Vendor is not valid for location L1'), { code: 'PARTNER_UNKNOWN' }, 'L1 is the location, too far from "vendor"');
  assert.deepEqual(why('Employee record ID E404 was not found'), { code: 'PARTNER_UNKNOWN', subject: 'E404' });
  assert.deepEqual(why('Account 6000.01 is not valid.'), { code: 'ACCOUNT_UNKNOWN', subject: '6000.01' });
  assert.deepEqual(why('Department D9... is not valid'), { code: 'DIMENSION_UNKNOWN', subject: 'D9' });
});

test('description2 and description are read as separate words: a value ending description2 stays whole', () => {
  const [e] = refused({ errorno: 'BL03000018', description: 'Could not create APBILL record!', description2: 'Invalid Vendor V999' });
  assert.deepEqual(classifyError(e!), { code: 'PARTNER_UNKNOWN', subject: 'V999' });
});

test('one debit equal to one credit is a balance wording too; a padded dimension label is trimmed', () => {
  assert.deepEqual(why('The debit must equal the credit.'), { code: 'UNBALANCED' });
  assert.deepEqual(why('This transaction is missing the Department  dimension for the Account 6000'), { code: 'DIMENSION_MISSING', subject: 'department' });
});

test('naming an account without saying it is unknown or inactive is not an account hold', () => {
  assert.deepEqual(why('Account 6000 can only be posted to by a location entity.'), { code: 'ERP_REJECTED' });
});

test('several unclassified errors are all kept in the message, separated by " / "', () => {
  const errors = refused(
    { errorno: 'BL01001973', description: 'Could not create GLBATCH record!' },
    { errorno: 'XL03000009', description: 'The entire transaction in this operation has been rolled back due to an error.' },
  );
  assert.deepEqual(errorsToReasons(errors), [
    { code: 'ERP_REJECTED', message: 'Sage Intacct refused it: BL01001973: Could not create GLBATCH record! / XL03000009: The entire transaction in this operation has been rolled back due to an error.' },
  ]);
});

/** The rows of a readByQuery page as the gateway sends them (lower-case row elements named after the object). */
function page(object: string, rows: string[]): XmlNode[] {
  const el = object.toLowerCase();
  const result = `<result><status>success</status><function>readByQuery</function><controlid>read-${object}</controlid><data listtype="${el}" count="${rows.length}" totalcount="${rows.length}" numremaining="0" resultId="">${rows.map((r) => `<${el}>${r}</${el}>`).join('')}</data></result>`;
  return parseResponse(answer(result)).results[0]!.data!.rows;
}

test('tax details: no rate gives the bare description, no tax type counts as a purchase detail', () => {
  const rows = page('TAXDETAIL', [
    '<RECORDNO>7</RECORDNO><DETAILID>UK Purchase Exempt</DETAILID><DESCRIPTION>Exempt purchases</DESCRIPTION><VALUE></VALUE><TAXTYPE>Purchase</TAXTYPE><STATUS>active</STATUS>',
    '<RECORDNO>8</RECORDNO><DETAILID>Imported VAT</DETAILID><DESCRIPTION>Import VAT</DESCRIPTION><VALUE>20</VALUE><TAXTYPE></TAXTYPE><STATUS>active</STATUS>',
  ]);
  assert.deepEqual(rowsToReference('taxDetail', rows), [
    { kind: 'tax_code', dimensionType: '', code: 'UK Purchase Exempt', name: 'Exempt purchases', active: true },
    { kind: 'tax_code', dimensionType: '', code: 'Imported VAT', name: 'Import VAT · 20 %', active: true },
  ]);
});

// The company's master data; the stub gateway answers each readByQuery with only the fields it asked for, as Intacct does.
const MASTER: Record<string, Array<Record<string, string>>> = {
  DEPARTMENT: [{ RECORDNO: '1', DEPARTMENTID: 'D100', TITLE: 'Sales', STATUS: 'active' }, { RECORDNO: '2', DEPARTMENTID: 'D400', TITLE: 'Marketing', STATUS: 'inactive' }],
  LOCATION: [{ RECORDNO: '1', LOCATIONID: 'L10', NAME: 'New York', STATUS: 'active' }, { RECORDNO: '2', LOCATIONID: 'L20', NAME: 'Chicago', STATUS: 'inactive' }],
  GLACCOUNT: [{ RECORDNO: '1', ACCOUNTNO: '6000', TITLE: 'Travel', STATUS: 'active' }, { RECORDNO: '2', ACCOUNTNO: '6999', TITLE: 'Old travel', STATUS: 'inactive' }],
  VENDOR: [{ RECORDNO: '1', VENDORID: 'V100', NAME: 'Grand Hotel', STATUS: 'active' }, { RECORDNO: '2', VENDORID: 'V103', NAME: 'Old Taxi', STATUS: 'inactive' }],
  EMPLOYEE: [{ RECORDNO: '1', EMPLOYEEID: 'E001', 'CONTACT.FIRSTNAME': 'Ada', 'CONTACT.LASTNAME': 'Lovelace', STATUS: 'active' }, { RECORDNO: '2', EMPLOYEEID: 'E009', 'CONTACT.FIRSTNAME': 'Gone', 'CONTACT.LASTNAME': 'Person', STATUS: 'inactive' }],
  TAXDETAIL: [{ RECORDNO: '1', DETAILID: 'UK Purchase Goods Standard Rate', DESCRIPTION: 'Standard', VALUE: '20', TAXTYPE: 'Purchase', TAXSOLUTIONID: 'United Kingdom - VAT', STATUS: 'active' }],
};

/** A row with the requested fields only; dotted ones nested (CONTACT/FIRSTNAME). */
function rowXml(row: Record<string, string>, fields: string[]): string {
  const nested = new Map<string, string>();
  let flat = '';
  for (const f of fields) {
    if (!(f in row)) continue;
    const [head, tail] = f.split('.');
    if (tail) nested.set(head!, `${nested.get(head!) ?? ''}<${tail}>${row[f]}</${tail}>`);
    else flat += `<${f}>${row[f]}</${f}>`;
  }
  return flat + [...nested].map(([h, inner]) => `<${h}>${inner}</${h}>`).join('');
}

test('reference data: each object read with its documented fields, and every field that feeds an item asked for', async () => {
  const asked: Array<[string, string]> = [];
  const { ctx } = intacctContext();
  ctx.fetch = async (_url, init) => {
    const doc = parseXml(String(init?.body), { system: 'stub', arrays: ['request.operation.content.function'] }) as { request: { operation: { content: { function: XmlNode[] } } } };
    const fn = doc.request.operation.content.function[0]!;
    if ('getAPISession' in fn) {
      const api = `<result><status>success</status><function>getAPISession</function><controlid>getAPISession</controlid><data><api><sessionid>SID-1..</sessionid><endpoint>${GATEWAY}</endpoint><locationid></locationid></api></data></result>`;
      return new Response(answer(api), { status: 200, headers: { 'content-type': 'application/xml' } });
    }
    const q = fn.readByQuery as Record<string, string>;
    asked.push([q.object!, q.fields!]);
    const fields = q.fields!.split(',');
    const rows = MASTER[q.object!];
    const result = rows
      ? `<result><status>success</status><function>readByQuery</function><controlid>read-${q.object}</controlid><data listtype="${q.object!.toLowerCase()}" count="${rows.length}" totalcount="${rows.length}" numremaining="0" resultId="">${rows.map((r) => `<${q.object!.toLowerCase()}>${rowXml(r, fields)}</${q.object!.toLowerCase()}>`).join('')}</data></result>`
      : `<result><status>failure</status><function>readByQuery</function><controlid>read-${q.object}</controlid><errormessage>${errorXml({ errorno: 'Query Failed', description: `Object definition ${q.object} not found` })}</errormessage></result>`;
    return new Response(answer(result), { status: 200, headers: { 'content-type': 'application/xml' } });
  };
  const adapter = createSageIntacctTarget(intacctSettings(GATEWAY, { vatEnabled: true, taxSolutionId: 'United Kingdom - VAT' }), ctx);
  const items: ReferenceItem[] = [];
  for await (const batch of adapter.readReference!()) items.push(...batch);
  assert.deepEqual(asked, [
    ['DEPARTMENT', 'RECORDNO,DEPARTMENTID,TITLE,STATUS'],
    ['LOCATION', 'RECORDNO,LOCATIONID,NAME,STATUS'],
    ['GLACCOUNT', 'RECORDNO,ACCOUNTNO,TITLE,STATUS'],
    ['VENDOR', 'RECORDNO,VENDORID,NAME,STATUS'],
    ['EMPLOYEE', 'RECORDNO,EMPLOYEEID,STATUS,CONTACT.FIRSTNAME,CONTACT.LASTNAME'],
    ['TAXDETAIL', 'RECORDNO,DETAILID,DESCRIPTION,VALUE,TAXTYPE,TAXSOLUTIONID,STATUS'],
  ]);
  assert.deepEqual(items, [
    { kind: 'dimension', dimensionType: 'department', code: 'D100', name: 'Sales', active: true },
    { kind: 'dimension', dimensionType: 'department', code: 'D400', name: 'Marketing', active: false },
    { kind: 'dimension', dimensionType: 'location', code: 'L10', name: 'New York', active: true },
    { kind: 'dimension', dimensionType: 'location', code: 'L20', name: 'Chicago', active: false },
    { kind: 'account', dimensionType: '', code: '6000', name: 'Travel', active: true },
    { kind: 'account', dimensionType: '', code: '6999', name: 'Old travel', active: false },
    { kind: 'supplier', dimensionType: '', code: 'V100', name: 'Grand Hotel', active: true },
    { kind: 'supplier', dimensionType: '', code: 'V103', name: 'Old Taxi', active: false },
    { kind: 'employee', dimensionType: '', code: 'E001', name: 'Ada Lovelace', active: true },
    { kind: 'employee', dimensionType: '', code: 'E009', name: 'Gone Person', active: false },
    { kind: 'tax_code', dimensionType: '', code: 'UK Purchase Goods Standard Rate', name: 'Standard · 20 %', active: true },
  ]);
});

test('a supplier invoice changed after posting is credited with an "AP adjustment", on the adapter and on the screen', () => {
  assert.equal(INTACCT_SUPPLIER_CREDIT, 'AP adjustment');
  assert.deepEqual(sageIntacctCapabilities(s).supplierCredit, { document: 'AP adjustment' });
  assert.equal(supplierCreditOf('sage-intacct'), 'AP adjustment');
});

test('a bill\'s expense line that names the vendor is still sent; only the vendor\'s credit is the payable side', () => {
  const p = billPlan({ lines: [line(1, '6000', 'debit', 20000, { partner: 'V100' }), line(2, '2000', 'credit', 20000, { partner: 'V100' })] });
  assert.deepEqual(billLines(p).map((b) => [b.line.lineNo, b.signed]), [[1, 20000]]);
  const items = ((apbill(p, s, { termName: 'N30' }).APBILL as XmlNode).APBILLITEMS as { APBILLITEM: XmlNode[] }).APBILLITEM;
  assert.deepEqual(items, [{ ACCOUNTNO: '6000', TRX_AMOUNT: '200.00', ENTRYDESCRIPTION: 'Line 1' }]);
});

test('a create answer\'s RECORDNO (upper case inside the lower-case object element) is the ERP id', () => {
  const created = '<result><status>success</status><function>create</function><controlid>MLC-K1</controlid><data listtype="objects" count="1"><glbatch><RECORDNO>1001</RECORDNO></glbatch></data></result>';
  assert.equal(recordNoOf(parseResponse(answer(created)).results[0]!), '1001');
});
