// Item 10 (Sage X3): a look-up X3 answers with a failure is a failure, whatever its messages say — "not found"
// is only an empty successful answer (reading a failure as "not found" would re-post a document X3 may hold);
// and SOAP goes to the documented
// path, written here on its own (not imported from the adapter, so a wrong constant cannot move both sides).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSageX3Target } from '../../../main/core/adapters/sage-x3/adapter';
import { isConnectorError } from '../../../main/core/errors';
import { plan, x3Context, x3Settings } from '../../helpers/x3-context';

/** Sage's documented generic SOAP endpoint for CAdxWebServiceXmlCC on Syracuse. */
const DOCUMENTED_SOAP_PATH = '/soap-generic/syracuse/collaboration/syracuse/CAdxWebServiceXmlCC';

const queryAnswer = (status: number, messages: string[], resultXml = '<RESULT/>') =>
  `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns1:queryResponse xmlns:ns1="http://www.adonix.com/WSS"><queryReturn><messages>${messages
    .map((m) => `<messages><message>${m}</message><type>3</type></messages>`)
    .join('')}</messages><resultXml>${resultXml.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</resultXml><status>${status}</status></queryReturn></ns1:queryResponse></soapenv:Body></soapenv:Envelope>`;

function target(answer: string) {
  const seen: URL[] = [];
  const { ctx } = x3Context();
  ctx.fetch = async (input) => {
    seen.push(new URL(String(input)));
    return new Response(answer, { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' } });
  };
  return { adapter: createSageX3Target(x3Settings('http://x3.example:8124'), ctx), seen };
}

test('a failed look-up throws, even when its messages say "not found"; an empty successful answer is "not found"', async () => {
  const mixed = target(queryAnswer(0, ['Record not found', 'Access denied to function GESGAS']));
  const e = await mixed.adapter.findExisting(plan()).catch((x: unknown) => x);
  assert.ok(isConnectorError(e), `expected a failure, got ${JSON.stringify(e)}`);
  assert.match(e.message, /could not look up/);
  const worded = target(queryAnswer(0, ['No record found', 'Record not found']));
  await assert.rejects(worded.adapter.findExisting(plan()), /could not look up/);
  const empty = target(queryAnswer(1, []));
  assert.equal(await empty.adapter.findExisting(plan()), null);
  const silent = target(queryAnswer(0, []));
  await assert.rejects(silent.adapter.findExisting(plan()), /could not look up/, 'a failure with no message is not "not found" either');
});

test('SOAP calls go to the documented CAdxWebServiceXmlCC path', async () => {
  const { adapter, seen } = target(queryAnswer(1, []));
  await adapter.findExisting(plan());
  assert.deepEqual(seen.map((u) => u.pathname), [DOCUMENTED_SOAP_PATH]);
});
