// Fuzz: every parser of an outside system's answer — X3 SOAP and object XML, Intacct's XML gateway, Acumatica
// and NetSuite JSON, Concur report JSON, Expensify's export CSV — returns or fails with a ConnectorError on
// any input, including near misses of real answers; never a TypeError that would end a run as "unexpected".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { errorsToReasons, rowsToReference } from '../../main/core/adapters/acumatica/from-remote';
import { keyOfRow, numberOfRow } from '../../main/core/adapters/acumatica/keys';
import { entityFor } from '../../main/core/adapters/acumatica/to-remote';
import { keysOf } from '../../main/core/adapters/types';
import { acuEntitySchema } from '../../main/core/adapters/acumatica/schemas';
import { reportToDocument } from '../../main/core/adapters/concur/from-remote';
import { allocationSchema, entrySchema, reportSchema } from '../../main/core/adapters/concur/schemas';
import { parseExport } from '../../main/core/adapters/expensify/parse';
import { errorBodyOf } from '../../main/core/adapters/netsuite/errors';
import { errorToReasons } from '../../main/core/adapters/netsuite/from-remote';
import { parseResponse } from '../../main/core/adapters/sage-intacct/envelope';
import { parseSoapResponse } from '../../main/core/adapters/sage-x3/envelope';
import { parseObjectXml } from '../../main/core/adapters/sage-x3/schemas';
import { sourceDocumentSchema } from '../../shared/schemas/document';
import { journalPlan } from '../helpers/acumatica-context';
import { nsPlan } from '../helpers/netsuite-context';
import { FUZZ, hostileText, survives } from './fuzz';

const X3_SAVE = `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns1:saveResponse xmlns:ns1="http://www.adonix.com/WSS"><saveReturn><messages><messages><message>Only one</message><type>2</type></messages></messages><resultXml>&lt;RESULT&gt;&lt;GRP ID="G1"&gt;&lt;FLD NAME="NUM"&gt;JE1&lt;/FLD&gt;&lt;/GRP&gt;&lt;/RESULT&gt;</resultXml><status>1</status></saveReturn></ns1:saveResponse></soapenv:Body></soapenv:Envelope>`;
const X3_MULTIREF = `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><q:queryResponse xmlns:q="x"><queryReturn href="#id0"/></q:queryResponse><multiRef id="id0"><messages href="#id1"/><resultXml><![CDATA[<RESULT><TAB><LIN><FLD NAME="REF">K</FLD></LIN></TAB></RESULT>]]></resultXml><status>0</status></multiRef><multiRef id="id1"><item href="#id2"/></multiRef><multiRef id="id2"><message>Nope</message><type>3</type></multiRef></e:Body></e:Envelope>`;
const X3_OBJECT = '<RESULT><GRP ID="G1"><FLD NAME="NUM">JE1</FLD><LST NAME="L"><ITM>a</ITM></LST></GRP><TAB ID="T"><LIN NUM="1"><FLD NAME="ACC">625100</FLD></LIN></TAB></RESULT>';
const INTACCT = '<?xml version="1.0" encoding="UTF-8"?><response><control><status>success</status><senderid>SND</senderid><controlid>req-1</controlid></control><operation><authentication><status>success</status><sessiontimeout>2030-01-01T10:00:00-08:00</sessiontimeout></authentication><result><status>failure</status><function>create</function><controlid>a</controlid><errormessage><error><errorno>BL03000018</errorno><description2>Account 6999 is not valid.</description2></error></errormessage></result><result><status>success</status><function>readByQuery</function><controlid>b</controlid><data count="1"><GLBATCH><RECORDNO>7</RECORDNO></GLBATCH></data></result></operation></response>';
const ACU_422 = JSON.stringify({ id: 'x', VendorRef: { value: 'MLC-1', error: 'bad' }, Details: [{ Account: { value: '6000', error: 'Account not found' } }], error: 'Inserting  Bill  record raised at least one error.' });
const NS_ERROR = JSON.stringify({ type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1', title: 'Bad Request', status: 400, 'o:errorDetails': [{ detail: 'Invalid value for account.', 'o:errorPath': 'line[1].account', 'o:errorCode': 'INVALID_VALUE' }] });
const EXPENSIFY = 'reportID,reportName,employeeEmail\n1,Trip,a@b.c\n';

test('fuzz: Sage X3 SOAP answers and object XML', () => {
  fc.assert(fc.property(fc.oneof(hostileText(X3_SAVE), hostileText(X3_MULTIREF)), fc.constantFrom('save' as const, 'query' as const, 'read' as const), (text, op) => survives(() => parseSoapResponse(text, op))), FUZZ);
  fc.assert(fc.property(hostileText(X3_OBJECT), (text) => survives(() => parseObjectXml(text))), FUZZ);
});

test("fuzz: Sage Intacct's XML gateway answers", () => {
  fc.assert(fc.property(hostileText(INTACCT), (text) => survives(() => parseResponse(text))), FUZZ);
});

test('fuzz: Acumatica JSON entities (422 field errors, look-ups, reference rows)', () => {
  const plan = journalPlan();
  const entity = fc.oneof(hostileText(ACU_422).map((t) => { try { return JSON.parse(t) as unknown; } catch { return t; } }), fc.jsonValue(), fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.jsonValue(), fc.record({ value: fc.jsonValue(), error: fc.jsonValue() }))));
  fc.assert(
    fc.property(entity, fc.constantFrom('vendor' as const, 'account' as const, 'subaccount' as const, 'branch' as const), (raw, kind) => {
      const parsed = acuEntitySchema.safeParse(raw);
      if (!parsed.success) return true;
      return survives(() => {
        errorsToReasons(parsed.data, plan);
        keyOfRow(parsed.data, entityFor(plan), new Set(keysOf(plan)));
        numberOfRow(parsed.data, entityFor(plan));
        rowsToReference(kind, [parsed.data]);
      });
    }),
    FUZZ,
  );
});

test('fuzz: NetSuite error bodies become hold reasons', () => {
  const plan = nsPlan();
  fc.assert(fc.property(hostileText(NS_ERROR), fc.integer({ min: 100, max: 599 }), (text, status) => survives(() => errorToReasons(errorBodyOf(text), plan, status, text))), FUZZ);
});

test('fuzz: Concur reports, entries and allocations that pass the schemas map to valid documents', () => {
  const value = fc.oneof(fc.jsonValue(), fc.constantFrom(null, '', '12.345', '-0.01', 1e21, 'EUR', 'XAU', '2025-02-30T00:00:00', '0', NaN));
  const over = fc.dictionary(fc.constantFrom('ID', 'CurrencyCode', 'SubmitDate', 'OwnerLoginID', 'Name', 'TransactionAmount', 'ApprovedAmount', 'PostedAmount', 'ExpenseTypeCode', 'TransactionDate', 'PaymentTypeID', 'IsPersonal', 'Percentage', 'Custom1', 'EntryID', 'ExchangeRate', 'TransactionCurrencyCode'), value, { maxKeys: 5 });
  const settings = { dimensionFields: { costCenter: 'Custom1' }, companyPaidPaymentTypes: ['IBCP'] };
  fc.assert(
    fc.property(over, over, over, (r, e, a) => {
      const report = reportSchema.safeParse({ ID: 'R1', Name: 'Trip', CurrencyCode: 'EUR', SubmitDate: '2025-03-04T10:11:12', OwnerLoginID: 'ada@example.com', OwnerName: 'Ada', ...r });
      const entry = entrySchema.safeParse({ ID: 'E1', ReportID: 'R1', ExpenseTypeCode: 'HOTEL', ExpenseTypeName: 'Hotel', TransactionDate: '2025-03-02T00:00:00', TransactionAmount: 120.5, TransactionCurrencyCode: 'EUR', ExchangeRate: 1, ApprovedAmount: 120.5, PaymentTypeID: 'CASH', ...e });
      const alloc = allocationSchema.safeParse({ ID: 'A1', EntryID: 'E1', Percentage: 100, ...a });
      if (!report.success || !entry.success || !alloc.success) return true;
      return survives(() => {
        const doc = reportToDocument(report.data, [entry.data], [alloc.data], settings);
        assert.ok(sourceDocumentSchema.safeParse(doc).success, 'the mapped document fits the contract');
      });
    }),
    FUZZ,
  );
});

test("fuzz: Expensify's export CSV", () => {
  fc.assert(fc.property(hostileText(EXPENSIFY), (text) => survives(() => parseExport(text, 'the export'))), FUZZ);
});
