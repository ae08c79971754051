// requestJobDescription builders (credentials are added by the client). Export filters follow
// api/expensify.md §3: reportState sits on inputSettings, dates/ids/labels inside filters.
import type { ExpensifySourceSettings } from '../../../../shared/schemas/systems/expensify';
import type { Job } from './client';

export type JobSettings = Pick<ExpensifySourceSettings, 'reportStates' | 'policyIds' | 'exportLabel'>;

const FILE_BASENAME = 'mlconnector';

/** "approved, reimbursed" -> "APPROVED,REIMBURSED". */
export function normaliseStates(states: string): string {
  return states
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean)
    .join(',');
}

function fileJob(settings: JobSettings, filters: Record<string, string>, onFinish?: unknown[]): Job {
  return {
    type: 'file',
    onReceive: { immediateResponse: ['returnRandomFileName'] },
    inputSettings: { type: 'combinedReportData', reportState: normaliseStates(settings.reportStates), filters },
    outputSettings: { fileExtension: 'csv', fileBasename: FILE_BASENAME },
    ...(onFinish ? { onFinish } : {}),
  };
}

/**
 * The pull: reports in the configured states and date range, minus those already stamped with our label.
 * No markAsExported here: stamping waits until the ERP post is recorded (confirmJob).
 */
export function pullJob(settings: JobSettings, startDate: string, endDate: string): Job {
  const filters: Record<string, string> = { startDate, endDate, markedAsExported: settings.exportLabel };
  if (settings.policyIds.length) filters.policyIDList = settings.policyIds.join(',');
  return fileJob(settings, filters);
}

/** Re-reads given reports whatever their export label (replay, fetchOne). */
export function readJob(settings: JobSettings, reportIds: string[]): Job {
  return fileJob(settings, { reportIDList: reportIds.join(',') });
}

/**
 * Reconciliation (read-only): every report in the configured states whose submitted/created date (the one
 * `startDate`/`endDate` compare, api/expensify.md §3 filter table) lies in [startDate, endDate], whatever its
 * export label: no `markedAsExported` filter and no onFinish, so nothing is stamped.
 */
export function periodJob(settings: JobSettings, startDate: string, endDate: string): Job {
  const filters: Record<string, string> = { startDate, endDate };
  if (settings.policyIds.length) filters.policyIDList = settings.policyIds.join(',');
  return fileJob(settings, filters);
}

/** The "safer pattern" of §3.4: an export restricted to posted reports whose only purpose is the stamp. */
export function confirmJob(settings: JobSettings, reportIds: string[]): Job {
  return fileJob(settings, { reportIDList: reportIds.join(',') }, [{ actionName: 'markAsExported', label: settings.exportLabel }]);
}

export function policyListJob(): Job {
  return { type: 'get', inputSettings: { type: 'policyList' } };
}

/** policyIDList is a JSON array here, unlike the export filter's comma string (§6). */
export function policyJob(policyIds: string[]): Job {
  return { type: 'get', inputSettings: { type: 'policy', policyIDList: policyIds, fields: ['categories', 'tags'] } };
}

/** yyyy-mm-dd of the day after `now` (UTC): an end date that never cuts off today's reports in any zone. */
export function defaultEndDate(now: Date): string {
  return new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
}
