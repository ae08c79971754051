// The simulator's job handlers: export ("file") with filters, reportState and onFinish markAsExported,
// download by file name, policy list and policy getter. Errors use the documented {responseCode, responseMessage}.
import { randomUUID } from 'node:crypto';
import type { RenderTweaks } from './render';
import { isKnownTemplate, renderCsv } from './render';
import type { ExpensifySimState, SimReport } from './state';
import { REPORT_STATES } from './state';

export interface SimReply {
  status: number;
  type: string;
  body: string;
}

export interface JobDeps {
  state: ExpensifySimState;
  tweaks: RenderTweaks;
  /** What an export with no matching report answers: a header-only file, or an error. */
  emptyExport: 'file' | 'error';
  /** Downloads still to answer "not found" (a file still being generated). */
  takeNotReady(): boolean;
}

type Obj = Record<string, unknown>;
const FILTER_KEYS = ['reportIDList', 'policyIDList', 'startDate', 'endDate', 'approvedAfter', 'markedAsExported'];
const EXTENSIONS = ['csv', 'xls', 'xlsx', 'txt', 'pdf', 'json', 'xml'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function jsonReply(body: Obj, status = 200): SimReply {
  return { status, type: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}

export const errorReply = (responseCode: number, responseMessage: string, status = 200): SimReply => jsonReply({ responseCode, responseMessage }, status);
const malformed = (arg: string): SimReply => errorReply(410, `Argument '${arg}' is missing or malformed`);
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);

/** Later of submitted/created, as yyyy-mm-dd: what startDate/endDate compare against. */
function filterDate(r: SimReport): string {
  const created = r.created.slice(0, 10);
  const submitted = (r.submitted ?? '').slice(0, 10);
  return submitted > created ? submitted : created;
}

export function handleExport(job: Obj, template: string | null, deps: JobDeps): SimReply {
  const onReceive = obj(job.onReceive);
  const immediate = onReceive?.immediateResponse;
  if (!Array.isArray(immediate) || !immediate.includes('returnRandomFileName')) return malformed('onReceive');
  const input = obj(job.inputSettings);
  if (!input || input.type !== 'combinedReportData') return malformed('inputSettings.type');
  const filters = obj(input.filters);
  if (!filters) return malformed('inputSettings.filters');
  const output = obj(job.outputSettings);
  const ext = typeof output?.fileExtension === 'string' ? output.fileExtension : '';
  if (!EXTENSIONS.includes(ext)) return malformed('outputSettings.fileExtension');
  if (!template) return malformed('template');
  if (!isKnownTemplate(template)) return errorReply(500, 'Error while rendering the template: the simulator renders only the ml-connector template');

  let states: readonly string[] = REPORT_STATES;
  if (input.reportState !== undefined) {
    if (typeof input.reportState !== 'string') return malformed('inputSettings.reportState');
    states = input.reportState.split(',').map((s) => s.trim());
    const bad = states.find((s) => !(REPORT_STATES as readonly string[]).includes(s));
    if (bad !== undefined) return errorReply(410, `Report state '${bad}' is not valid`);
  }
  // The filter keys of api/expensify.md §3; refusing any other key is inferred (a misspelt filter must not
  // silently widen an export).
  const unknownFilter = Object.keys(filters).find((k) => !FILTER_KEYS.includes(k));
  if (unknownFilter !== undefined) return errorReply(410, `Unknown filter '${unknownFilter}'`);
  const ids = typeof filters.reportIDList === 'string' && filters.reportIDList.trim() ? filters.reportIDList.split(',').map((s) => s.trim()) : null;
  for (const key of ['startDate', 'endDate', 'approvedAfter']) {
    if (filters[key] !== undefined && (typeof filters[key] !== 'string' || !DATE.test(filters[key] as string))) return errorReply(410, `Invalid date for '${key}': use yyyy-mm-dd`);
  }
  if (!ids && filters.startDate === undefined) return errorReply(410, "Required parameter 'startDate' is missing (or give a reportIDList)");
  const policies = typeof filters.policyIDList === 'string' && filters.policyIDList ? filters.policyIDList.split(',').map((s) => s.trim()) : null;
  const label = typeof filters.markedAsExported === 'string' ? filters.markedAsExported : null;
  // `limit` is documented as an integer written as a string.
  if (input.limit !== undefined && (typeof input.limit !== 'string' || !/^\d+$/.test(input.limit))) return malformed('inputSettings.limit');
  const limit = typeof input.limit === 'string' ? Number(input.limit) : null;
  const employee = typeof input.employeeEmail === 'string' ? input.employeeEmail : null;
  // Exporting as one employee cannot include OPEN reports (§3.2).
  if (employee !== null && states.includes('OPEN')) return errorReply(410, "OPEN reports cannot be exported with 'employeeEmail'");

  let selected = [...deps.state.reports.values()].filter((r) => {
    if (!states.includes(r.state)) return false;
    if (ids && !ids.includes(r.reportID)) return false;
    if (policies && !policies.includes(r.policyID)) return false;
    if (label !== null && r.exportLabels.includes(label)) return false;
    if (employee !== null && r.accountEmail !== employee) return false;
    const d = filterDate(r);
    if (typeof filters.startDate === 'string' && d < filters.startDate) return false;
    if (typeof filters.endDate === 'string' && d > filters.endDate) return false;
    if (typeof filters.approvedAfter === 'string' && !(r.approved && r.approved.slice(0, 10) > filters.approvedAfter)) return false;
    return true;
  });
  if (limit !== null) selected = selected.slice(0, limit);
  if (selected.length === 0 && deps.emptyExport === 'error') return errorReply(410, 'No Reports found');

  const actions = job.onFinish === undefined ? [] : job.onFinish;
  if (!Array.isArray(actions)) return malformed('onFinish');
  const dryRun = job.test === true || job.test === 'true';
  for (const a of actions) {
    const action = obj(a);
    if (!action || typeof action.actionName !== 'string') return malformed('onFinish.actionName');
    if (action.actionName === 'markAsExported' && (typeof action.label !== 'string' || !action.label)) return malformed('onFinish.label');
    if (!['markAsExported', 'email', 'sftpUpload'].includes(action.actionName)) return errorReply(410, `Unknown onFinish action '${action.actionName}'`);
  }
  const fileName = `${typeof output?.fileBasename === 'string' ? output.fileBasename : 'export'}${randomUUID()}.${ext}`;
  deps.state.files.set(fileName, renderCsv(deps.state, selected, deps.tweaks));
  if (!dryRun) {
    for (const a of actions as Obj[]) {
      if (a.actionName !== 'markAsExported') continue;
      for (const r of selected) if (!r.exportLabels.includes(a.label as string)) r.exportLabels.push(a.label as string);
    }
  }
  return { status: 200, type: 'text/plain; charset=utf-8', body: fileName };
}

export function handleDownload(job: Obj, deps: JobDeps): SimReply {
  if (typeof job.fileName !== 'string' || !job.fileName) return malformed('fileName');
  const content = deps.state.files.get(job.fileName);
  if (content === undefined || deps.takeNotReady()) return errorReply(404, `File '${job.fileName}' not found`);
  return { status: 200, type: 'application/octet-stream', body: content };
}

export function handleGet(job: Obj, deps: JobDeps): SimReply {
  const input = obj(job.inputSettings);
  if (input?.type === 'policyList') {
    const policyList = [...deps.state.policies.values()].map((p) => ({ id: p.id, name: p.name, type: p.type, role: 'admin', owner: 'owner@example.com', outputCurrency: p.outputCurrency }));
    return jsonReply({ responseCode: 200, policyList });
  }
  if (input?.type === 'policy') {
    if (!Array.isArray(input.policyIDList) || input.policyIDList.length === 0) return errorReply(410, "Required parameter 'policyIDList' is missing");
    const policyInfo: Obj = {};
    for (const id of input.policyIDList) {
      const p = deps.state.policies.get(String(id));
      if (!p) return errorReply(404, `Policy not found: ${String(id)}`);
      const tags = p.tags.map((t) => ({ name: t.name, enabled: t.enabled ?? true, ...(t.glCode ? { glCode: t.glCode } : {}) }));
      policyInfo[p.id] = {
        categories: p.categories.map((c) => ({ name: c.name, enabled: c.enabled ?? true, areCommentsRequired: false, ...(c.glCode ? { glCode: c.glCode } : {}) })),
        tags: p.tagFormat === 'grouped' ? [{ name: p.tagListName, tags }] : tags,
      };
    }
    return jsonReply({ responseCode: 200, policyInfo });
  }
  return malformed('inputSettings.type');
}

