// v3 approved expense reports: search (E1) plus entries (E3) and allocations (E4), one batch per report
// page, with an overlapping modifiedDateAfter watermark; and one report by id (E2).
import type { SourceDocument } from '../../../../shared/schemas/document';
import type { ResolvedConcurSettings } from '../../../../shared/schemas/systems/concur';
import { ConnectorError, isConnectorError } from '../../errors';
import type { ConcurClient } from './client';
import { advanceCursor, parseConcurDate } from './cursor';
import { SYSTEM } from './errors';
import { reportToDocument } from './from-remote';
import { allocationPageSchema, entryPageSchema, reportPageSchema, reportSchema } from './schemas';
import type { ConcurReport } from './schemas';

type ReportPage = { Items?: ConcurReport[] | null; NextPage?: string | null };

export const REPORTS = '/api/v3.0/expense/reports';
export const APPROVED = 'A_APPR';
/** E4 documents a maximum page size of 100. */
const MAX_ALLOCATION_LIMIT = 100;

export function createReportReader(settings: ResolvedConcurSettings, client: ConcurClient) {
  const limit = settings.pageSize;

  async function loadReport(report: ConcurReport): Promise<SourceDocument> {
    const id = encodeURIComponent(report.ID);
    const [entries, allocations] = await Promise.all([
      client.getAllPages(`/api/v3.0/expense/entries?reportID=${id}&limit=${limit}`, entryPageSchema, `the entries of report ${report.ID}`),
      client.getAllPages(`/api/v3.0/expense/allocations?reportID=${id}&limit=${Math.min(limit, MAX_ALLOCATION_LIMIT)}`, allocationPageSchema, `the allocations of report ${report.ID}`),
    ]);
    return reportToDocument(report, entries, allocations, settings);
  }

  /** Batches of approved reports modified after `from`; `done(cursor)` receives the next watermark at the end. */
  async function* batches(from: string, done: (cursor: string) => void): AsyncGenerator<SourceDocument[]> {
    const query = new URLSearchParams({ user: 'ALL', approvalStatusCode: APPROVED, modifiedDateAfter: from, limit: String(limit) });
    let newest: number | null = null;
    const seen = new Set<string>();
    const list = (url: string) => client.getJson(url, reportPageSchema, 'the list of approved expense reports') as Promise<ReportPage>;
    let nextList: Promise<ReportPage> | null = list(`${REPORTS}?${query.toString()}`);
    // The previous page's reports still loading: yielded once the next page's loads are queued behind them,
    // so the limiter never idles at a page boundary.
    let loading: Promise<SourceDocument[]> | null = null;
    while (nextList) {
      const page: ReportPage = await nextList;
      nextList = page.NextPage ? list(page.NextPage) : null;
      nextList?.catch(() => undefined);
      const fresh: ConcurReport[] = [];
      for (const r of page.Items ?? []) {
        const t = parseConcurDate(r.LastModifiedDate);
        if (t !== null && (newest === null || t > newest)) newest = t;
        // Offset paging can repeat a report that moved while we paged; one copy per pull is enough.
        if (seen.has(r.ID) || (r.ApprovalStatusCode !== undefined && r.ApprovalStatusCode !== APPROVED)) continue;
        seen.add(r.ID);
        fresh.push(r);
      }
      // The reports of one page are read concurrently; the limiter caps calls in flight.
      const current: Promise<SourceDocument[]> = Promise.all(fresh.map(loadReport));
      current.catch(() => undefined);
      if (loading) {
        const docs = await loading;
        if (docs.length) yield docs;
      }
      loading = current;
    }
    if (loading) {
      const docs = await loading;
      if (docs.length) yield docs;
    }
    done(advanceCursor(from, newest));
  }

  /**
   * Reconciliation, read-only (no cursor): the approved reports whose submit date, the date that dates our
   * documents (from-remote.ts), lies in [from, to]. E1 documents submitDateAfter/submitDateBefore (api/concur.md
   * §2.3) but not whether they are inclusive, so the day before and the day after are asked for and the
   * documents filtered here on their date. An approved report always has a submit date.
   */
  async function readPeriod(from: string, to: string): Promise<SourceDocument[]> {
    const query = new URLSearchParams({ user: 'ALL', approvalStatusCode: APPROVED, submitDateAfter: shiftDay(from, -1), submitDateBefore: shiftDay(to, 1), limit: String(limit) });
    const reports = await client.getAllPages(`${REPORTS}?${query.toString()}`, reportPageSchema, 'the approved expense reports of the period');
    const seen = new Set<string>();
    const fresh = (reports as ConcurReport[]).filter((r) => !seen.has(r.ID) && seen.add(r.ID) && (r.ApprovalStatusCode === undefined || r.ApprovalStatusCode === APPROVED));
    const docs = await Promise.all(fresh.map(loadReport));
    return docs.filter((d) => d.documentDate !== null && d.documentDate >= from && d.documentDate <= to);
  }

  /** E2 needs the owner's login id (user=ALL is refused there), so meta.ownerLoginId from the pull is required. */
  async function fetchOne(sourceId: string, meta: Record<string, string>): Promise<SourceDocument | null> {
    const owner = meta.ownerLoginId;
    if (!owner) throw new ConnectorError('BAD_REQUEST', `Cannot re-read Concur report ${sourceId}: its owner's login id is not known`, { system: SYSTEM, retryable: false });
    let report: ConcurReport;
    try {
      report = await client.getJson(`${REPORTS}/${encodeURIComponent(sourceId)}?user=${encodeURIComponent(owner)}`, reportSchema, `report ${sourceId}`);
    } catch (e) {
      if (isConnectorError(e) && e.code === 'NOT_FOUND') return null;
      throw e;
    }
    if (report.ApprovalStatusCode !== undefined && report.ApprovalStatusCode !== APPROVED) return null;
    return loadReport(report);
  }

  return { batches, fetchOne, readPeriod };
}

/** yyyy-mm-dd moved by whole days (UTC calendar arithmetic). */
export function shiftDay(day: string, by: number): string {
  const t = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
  if (Number.isNaN(t)) throw new ConnectorError('BAD_REQUEST', `"${day}" is not a yyyy-mm-dd date`, { system: SYSTEM, retryable: false });
  return new Date(t + by * 86_400_000).toISOString().slice(0, 10);
}
