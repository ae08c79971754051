// The Expensify simulator refuses what the Integration Server documents as refused (../shared/api/expensify.md
// §3-§7): each case sends one thing wrong, by hand, and expects the documented responseCode and message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXPORT_TEMPLATE } from '../../../main/core/adapters/expensify/template';
import { createExpensifySimulator, ENDPOINT } from '../../../main/simulators/expensify';

const CREDS = { partnerUserID: 'aa_refusals', partnerUserSecret: 's3cret-refusals' };

const exportJob = (over: Record<string, unknown> = {}, input: Record<string, unknown> = {}, filters: Record<string, unknown> = { startDate: '2026-01-01' }) => ({
  type: 'file',
  credentials: CREDS,
  onReceive: { immediateResponse: ['returnRandomFileName'] },
  inputSettings: { type: 'combinedReportData', reportState: 'APPROVED', filters, ...input },
  outputSettings: { fileExtension: 'csv' },
  ...over,
});

const CASES: Array<{ what: string; job: unknown; template?: string | null; code: number; message: RegExp }> = [
  { what: 'requestJobDescription that is not JSON', job: '{"type": "file"', code: 410, message: /requestJobDescription/ },
  { what: 'an unknown job type', job: { type: 'fetch', credentials: CREDS }, code: 410, message: /'type' is missing or malformed/ },
  { what: 'wrong partner secret', job: exportJob({ credentials: { ...CREDS, partnerUserSecret: 'nope' } }), code: 407, message: /Authentication error/ },
  { what: 'onReceive other than returnRandomFileName', job: exportJob({ onReceive: { immediateResponse: ['returnFile'] } }), code: 410, message: /onReceive/ },
  { what: 'inputSettings.type other than combinedReportData', job: exportJob({}, { type: 'reportData' }), code: 410, message: /inputSettings.type/ },
  { what: 'a file extension outside the list', job: exportJob({ outputSettings: { fileExtension: 'docx' } }), code: 410, message: /fileExtension/ },
  { what: 'an export without a template', job: exportJob(), template: null, code: 410, message: /template/ },
  { what: 'a report state that does not exist', job: exportJob({}, { reportState: 'APPROVED,PAID' }), code: 410, message: /Report state 'PAID'/ },
  { what: 'a date not in yyyy-mm-dd', job: exportJob({}, {}, { startDate: '01/02/2026' }), code: 410, message: /Invalid date for 'startDate'/ },
  { what: 'a filter key that is not documented', job: exportJob({}, {}, { startDate: '2026-01-01', approvedBefore: '2026-03-31' }), code: 410, message: /Unknown filter 'approvedBefore'/ },
  { what: 'no startDate and no reportIDList', job: exportJob({}, {}, { markedAsExported: 'x' }), code: 410, message: /'startDate' is missing/ },
  { what: 'limit as a number instead of a string', job: exportJob({}, { limit: 50 }), code: 410, message: /limit/ },
  { what: 'OPEN reports with employeeEmail', job: exportJob({}, { reportState: 'OPEN,APPROVED', employeeEmail: 'a@b.com' }), code: 410, message: /OPEN reports cannot be exported/ },
  { what: 'an onFinish action that does not exist', job: exportJob({ onFinish: [{ actionName: 'archive' }] }), code: 410, message: /Unknown onFinish action/ },
  { what: 'markAsExported without a label', job: exportJob({ onFinish: [{ actionName: 'markAsExported' }] }), code: 410, message: /onFinish.label/ },
  { what: 'a download without fileName', job: { type: 'download', credentials: CREDS }, code: 410, message: /fileName/ },
  { what: 'a download of a file never generated', job: { type: 'download', credentials: CREDS, fileName: 'export-none.csv' }, code: 404, message: /not found/ },
  { what: 'policy getter with policyIDList as a string', job: { type: 'get', credentials: CREDS, inputSettings: { type: 'policy', policyIDList: 'P1', fields: ['categories'] } }, code: 410, message: /policyIDList/ },
];

test('every documented refusal class is refused; the well-formed export passes', async (t) => {
  const sim = createExpensifySimulator({ rateLimits: [] });
  sim.state.addPartner(CREDS.partnerUserID, CREDS.partnerUserSecret);
  const { url } = await sim.start();
  t.after(() => sim.stop());
  const send = async (job: unknown, template: string | null = EXPORT_TEMPLATE) => {
    const form = new URLSearchParams({ requestJobDescription: typeof job === 'string' ? job : JSON.stringify(job) });
    if (template !== null) form.set('template', template);
    const res = await fetch(url + ENDPOINT, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    return res.text();
  };
  assert.match(await send(exportJob()), /^export[\w-]+\.csv$/, 'the baseline export answers with a file name');
  for (const c of CASES) {
    const text = await send(c.job, c.template === undefined ? EXPORT_TEMPLATE : c.template);
    let body: { responseCode?: number; responseMessage?: string } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      assert.fail(`${c.what}: expected a JSON refusal, got ${text.slice(0, 80)}`);
    }
    assert.equal(body.responseCode, c.code, c.what);
    assert.match(body.responseMessage ?? '', c.message, c.what);
  }
  const wrongPath = await fetch(`${url}/Integration-Server/Other`, { method: 'POST', body: 'requestJobDescription={}' });
  assert.equal(wrongPath.status, 404);
});
