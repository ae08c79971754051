// Pure mappers for what NetSuite answers: the new record's internal id from the Location header, and a
// refused write's error details (code and path, e.g. `line.items[1].department`) as plain hold reasons
// naming the plan line and value concerned.
import type { PostingPlan } from '../../../../shared/schemas/plan';
import type { HoldCode, HoldReason } from '../../../../shared/schemas/posting';
import { detailsText } from './errors';
import type { NetSuiteErrorBody, NetSuiteErrorDetail } from './schemas';

/** `…/record/v1/journalEntry/4711` → "4711"; null when the header is missing or names no id. */
export function internalIdFromLocation(location: string | null): string | null {
  if (!location) return null;
  const path = location.split(/[?#]/)[0] ?? '';
  const last = decodeURIComponent(path.replace(/\/+$/, '').split('/').pop() ?? '');
  return /^\d+$/.test(last) ? last : null;
}

const PERIOD = /accounting period|period (is )?(closed|locked)|closed period|not within the date range/i;
const INACTIVE = /inactive/i;
const LINE_PATH = /^(?:line|expense)\.items\[(\d+)\]\.(\w+)/;

const LABEL: Record<string, string> = { account: 'account', department: 'department', class: 'class', location: 'location', entity: 'name (entity)', amount: 'amount', debit: 'debit', credit: 'credit', memo: 'memo' };

function codeFor(field: string, detail: string): HoldCode {
  if (PERIOD.test(detail) || field === 'tranDate' || field === 'postingPeriod') return PERIOD.test(detail) ? 'PERIOD_CLOSED' : 'INVALID_DATE';
  switch (field) {
    case 'account':
      return INACTIVE.test(detail) ? 'ACCOUNT_INACTIVE' : 'ACCOUNT_UNKNOWN';
    case 'department':
    case 'class':
    case 'location':
    case 'subsidiary':
      return INACTIVE.test(detail) ? 'DIMENSION_INACTIVE' : 'DIMENSION_UNKNOWN';
    case 'entity':
      return INACTIVE.test(detail) ? 'PARTNER_INACTIVE' : 'PARTNER_UNKNOWN';
    case 'currency':
      return 'INVALID_CURRENCY';
    default:
      return 'ERP_REJECTED';
  }
}

function reasonOf(d: NetSuiteErrorDetail, plan: PostingPlan, title: string): HoldReason {
  const detail = d.detail.trim() || title || 'NetSuite refused the record';
  const path = d['o:errorPath'] ?? '';
  const m = LINE_PATH.exec(path);
  const tag = d['o:errorCode'] ? ` [${d['o:errorCode']}]` : '';
  if (m) {
    const index = Number(m[1]);
    const field = m[2] ?? '';
    const line = plan.lines[index];
    const value = !line ? undefined : field === 'account' ? line.account : field === 'entity' ? (line.partner ?? undefined) : line.dimensions[field];
    const subject = value === undefined ? undefined : field === 'account' || field === 'entity' ? value : `${field}:${value}`;
    return { code: codeFor(field, detail), message: `NetSuite refused line ${index + 1}${value ? ` (${LABEL[field] ?? field} ${value})` : ` (${LABEL[field] ?? field})`}: ${detail}${tag}`, ...(subject ? { subject } : {}), ...(line?.sourceLineId ? { lineId: line.sourceLineId } : {}) };
  }
  const field = path.split('.')[0] ?? '';
  const value = field === 'entity' ? plan.partner : undefined;
  return { code: codeFor(field, detail), message: `NetSuite refused the ${field ? `${LABEL[field] ?? field} of the ` : ''}record: ${detail}${tag}`, ...(value ? { subject: value } : {}) };
}

/** Every error detail as a hold reason; one ERP_REJECTED with NetSuite's words when none can be read. */
export function errorToReasons(body: NetSuiteErrorBody | null, plan: PostingPlan, status: number, text: string): HoldReason[] {
  if (!body) return [{ code: 'ERP_REJECTED', message: `NetSuite refused the record (HTTP ${status})${text.trim() ? `: ${text.trim().slice(0, 300)}` : ''}` }];
  const details = body['o:errorDetails'];
  if (details.length === 0) return [{ code: 'ERP_REJECTED', message: `NetSuite refused the record (HTTP ${status}): ${detailsText(body)}` }];
  return details.map((d) => reasonOf(d, plan, body.title ?? ''));
}
