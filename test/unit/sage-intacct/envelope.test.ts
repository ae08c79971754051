// The gateway envelope: request documents as the docs describe them, and responses read at each of
// the three status levels (control, authentication, function) with their error elements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRequest, fieldOf, parseResponse, stripSupportId } from '../../../main/core/adapters/sage-intacct/envelope';
import { authProblem, controlError } from '../../../main/core/adapters/sage-intacct/errors';
import { parseXml } from '../../../main/core/adapters/xml';

const control = { senderId: 'SND', senderPassword: 'sp&<x', controlId: 'req-1', uniqueId: true };

test('a request carries the control block, session auth and one function per plan with its controlid', () => {
  const xml = buildRequest(control, { sessionId: 'S1..' }, [
    { controlId: 'MLC-A', body: { create: { GLBATCH: { JOURNAL: 'GJ' } } } },
    { controlId: 'MLC-B', body: { create: { GLBATCH: { JOURNAL: 'GJ' } } } },
  ]);
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?><request><control><senderid>SND<\/senderid><password>sp&amp;&lt;x<\/password><controlid>req-1<\/controlid><uniqueid>true<\/uniqueid><dtdversion>3.0<\/dtdversion><includewhitespace>false<\/includewhitespace><\/control>/);
  assert.match(xml, /<operation transaction="false"><authentication><sessionid>S1..<\/sessionid><\/authentication><content><function controlid="MLC-A"><create><GLBATCH>/);
  const doc = parseXml(xml, { system: 't', arrays: ['request.operation.content.function'] }) as { request: { operation: { content: { function: unknown[] } } } };
  assert.equal(doc.request.operation.content.function.length, 2);
});

test('a getAPISession request signs in with login and an optional entity', () => {
  const xml = buildRequest({ ...control, uniqueId: false }, { login: { userId: 'u', companyId: 'C', password: 'p', locationId: 'E1' } }, [{ controlId: 'g', body: { getAPISession: '' } }]);
  assert.match(xml, /<uniqueid>false<\/uniqueid>/);
  assert.match(xml, /<login><userid>u<\/userid><companyid>C<\/companyid><password>p<\/password><locationid>E1<\/locationid><\/login>/);
  assert.match(xml, /<function controlid="g"><getAPISession><\/getAPISession><\/function>/);
});

const ok = (results: string, auth = '<authentication><status>success</status><sessiontimeout>2030-01-01T10:00:00-08:00</sessiontimeout></authentication>') =>
  `<?xml version="1.0" encoding="UTF-8"?><response><control><status>success</status><senderid>SND</senderid><controlid>req-1</controlid></control><operation>${auth}${results}</operation></response>`;

test('control-level failure: errormessage directly under response, no operation', () => {
  const r = parseResponse('<response><control><status>failure</status></control><errormessage><error><errorno>XL03000006</errorno><description></description><description2>Incorrect Intacct XML Partner ID or password.</description2><correction></correction></error></errormessage></response>');
  assert.equal(r.control.status, 'failure');
  assert.equal(r.auth, null);
  assert.deepEqual(r.control.errors, [{ errorno: 'XL03000006', description: '', description2: 'Incorrect Intacct XML Partner ID or password.', correction: '' }]);
  assert.equal(authProblem(r.control.errors), 'sender');
});

test('authentication-level failure: errormessage under operation; invalid session told apart from a wrong sign-in', () => {
  const expired = parseResponse(ok('<errormessage><error><errorno>XL03000006</errorno><description2>Invalid session [Support ID: a1b2%7EYz]</description2></error></errormessage>', '<authentication><status>failure</status></authentication>'));
  assert.equal(expired.auth?.status, 'failure');
  assert.equal(expired.auth?.errors[0]?.description2, 'Invalid session');
  assert.equal(authProblem(expired.auth!.errors), 'session');
  const signin = parseResponse(ok('<errormessage><error><errorno>XL03000006</errorno><description2>Sign-in information is incorrect</description2></error></errormessage>', '<authentication><status>failure</status></authentication>'));
  assert.equal(authProblem(signin.auth!.errors), 'signin');
  assert.equal(authProblem([{ errorno: 'XL03000006', description: '', description2: 'SND is not authorized to make Web Services requests to company C.', correction: '' }]), 'sender_unauthorized');
});

test('function-level results: one success with RECORDNO, one failure with several errors, in order', () => {
  const r = parseResponse(
    ok(
      '<result><status>success</status><function>create</function><controlid>MLC-A</controlid><data listtype="objects" count="1"><glbatch><RECORDNO>1001</RECORDNO></glbatch></data></result>' +
        '<result><status>failure</status><function>create</function><controlid>MLC-B</controlid><errormessage><error><errorno>BL03000018</errorno><description></description><description2>Account 9999 is not valid.</description2><correction></correction></error><error><errorno>BL01001973</errorno><description>Could not create GLBATCH record!</description><description2>[Support ID: xyz]</description2></error></errormessage></result>',
    ),
  );
  assert.equal(r.auth?.sessionTimeout, '2030-01-01T10:00:00-08:00');
  assert.deepEqual(r.results.map((x) => [x.status, x.controlid]), [['success', 'MLC-A'], ['failure', 'MLC-B']]);
  assert.equal(fieldOf(r.results[0]!.data!.rows[0]!, 'RECORDNO'), '1001');
  assert.equal(r.results[1]!.errors.length, 2);
  assert.equal(r.results[1]!.errors[1]!.description2, '');
});

test('readByQuery data attributes and rows of any element name are kept; dotted fields read nested or flat', () => {
  const r = parseResponse(ok('<result><status>success</status><function>readByQuery</function><controlid>x</controlid><data listtype="employee" count="1" totalcount="3" numremaining="2" resultId="R9"><employee><EMPLOYEEID>E1</EMPLOYEEID><CONTACT><FIRSTNAME>Ada</FIRSTNAME></CONTACT></employee></data></result>'));
  const data = r.results[0]!.data!;
  assert.equal(data.attrs.numremaining, '2');
  assert.equal(data.attrs.resultId, 'R9');
  assert.equal(fieldOf(data.rows[0]!, 'CONTACT.FIRSTNAME'), 'Ada');
  assert.equal(fieldOf({ 'CONTACT.LASTNAME': 'L' }, 'CONTACT.LASTNAME'), 'L');
});

test('malformed or foreign answers are REMOTE_PROTOCOL errors; Support ID suffixes are stripped', () => {
  assert.throws(() => parseResponse('<response><control>'), /malformed/);
  assert.throws(() => parseResponse('<other/>'), /without a response\/control status/);
  assert.equal(stripSupportId('Invalid Vendor \'V9\' specified. [Support ID: Abc%7EDe]'), "Invalid Vendor 'V9' specified.");
});

const who = { senderId: 'SND', companyId: 'C', userId: 'u', locationId: '' };

test('HTTP 401 body of the SDK fixtures (control failure, XMLGW_JPP0002, description only) is a sign-in failure', () => {
  const r = parseResponse('\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<response>\n  <control>\n    <status>failure</status>\n  </control>\n  <errormessage>\n    <error>\n      <errorno>XMLGW_JPP0002</errorno>\n      <description>Sign-in information is incorrect. Please check your request.</description>\n    </error>\n  </errormessage>\n</response>');
  assert.equal(r.control.status, 'failure');
  assert.deepEqual(r.control.errors, [{ errorno: 'XMLGW_JPP0002', description: 'Sign-in information is incorrect. Please check your request.', description2: '', correction: '' }]);
  const e = controlError(r, who);
  assert.equal(e.code, 'AUTH_FAILED');
  assert.equal(e.details?.problem, 'signin');
});

test('tolerated variations: an empty readByQuery page, extra elements and attributes, upper-case status, numbers as text', () => {
  const r = parseResponse(
    ok(
      '<result><status>SUCCESS</status><function>readByQuery</function><controlid>x</controlid><data listtype="department" count="0" totalcount="0" numremaining="0" resultId=""/></result>' +
        '<result><status>success</status><function>query</function><controlid>y</controlid><data listtype="GLBATCH" totalcount="1" offset="0" count="1" numremaining="0"><GLBATCH><RECORDNO> 77 </RECORDNO><REFERENCENO>K</REFERENCENO><EXTRA a="1">z</EXTRA></GLBATCH></data><unexpected/></result>',
      '<authentication><status>success</status><userid>u</userid><companyid>C</companyid><locationid></locationid><sessiontimestamp>2030-01-01T08:00:00-08:00</sessiontimestamp><sessiontimeout>2030-01-01T10:00:00-08:00</sessiontimeout></authentication>',
    ),
  );
  assert.deepEqual(r.results.map((x) => [x.status, x.data?.rows.length, x.data?.attrs.numremaining]), [['success', 0, '0'], ['success', 1, '0']]);
  assert.equal(fieldOf(r.results[1]!.data!.rows[0]!, 'RECORDNO'), '77');
});
