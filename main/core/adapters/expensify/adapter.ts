// The Expensify source adapter, on the documented flow (../shared/api/expensify.md §3.4, §8: "one sync =
// export + download (+ mark job) = 2-3 requests"): export job (our CSV template, label-filtered) + download
// -> SourceDocuments; the export label is stamped by one id-restricted export job only after the ERP post
// (confirmBatch), its file never downloaded. Policy categories for the mapping grid are read at most every
// CATEGORY_TTL_MS (kept in the adapter state), not on every sync. Expensify stays read-only apart from the stamp.
import type { SourceDocument } from '../../../../shared/schemas/document';
import type { ExpensifySourceSettings } from '../../../../shared/schemas/systems/expensify';
import { ConnectorError, isConnectorError } from '../../errors';
import type { AdapterContext, ConfirmOutcome, PeriodRange, SourceAdapter, SourcePull, TestStep } from '../types';
import { createExpensifyClient } from './client';
import type { ExpensifyClient, Job } from './client';
import { SYSTEM } from './errors';
import { rowsToDocuments } from './from-remote';
import { confirmJob, defaultEndDate, periodJob, pullJob, readJob } from './jobs';
import { parseExport } from './parse';
import { listPolicies, readPolicyMetadata } from './policies';
import type { ExpensifyCategory, PolicyMetadata } from './policies';
import { EXPORT_TEMPLATE } from './template';

/** Documents per yielded batch: the export is one file, handed to the engine in slices. */
const BATCH = 50;
/** Categories change rarely; the grid needs them before a document uses them, not to the minute. */
export const CATEGORY_TTL_MS = 6 * 3600_000;
const CATEGORY_STATE = 'categoryCache';

type ConfirmItem = { doc: { sourceId: string; meta: Record<string, string> }; outcome: ConfirmOutcome };

export interface ExpensifySource extends SourceAdapter {
  listCategories(): Promise<ExpensifyCategory[]>;
  /** Categories, tags and policies together (the tags feed the dimension mapping). */
  listPolicyMetadata(): Promise<PolicyMetadata>;
}

export function createExpensifySource(settings: ExpensifySourceSettings, ctx: AdapterContext): ExpensifySource {
  const client: ExpensifyClient = createExpensifyClient(settings, ctx);

  /** Runs an export job and reads its file back; [] when no report matched. */
  async function exportRows(job: Job, what: string) {
    const fileName = await client.exportJob(job, EXPORT_TEMPLATE, what);
    if (fileName === null) return [];
    const text = await client.download(fileName, `the download of ${what}`);
    return parseExport(text, what);
  }

  function pull(cursor: string | null): SourcePull {
    // The export label, not the date, keeps posted reports out; the start date only bounds the search.
    const startDate = cursor && /^\d{4}-\d{2}-\d{2}$/.test(cursor) ? cursor : settings.startDate;
    let final: string | null = null;
    async function* batches(): AsyncGenerator<SourceDocument[]> {
      const endDate = settings.endDate ?? defaultEndDate(ctx.clock.now());
      const rows = await exportRows(pullJob(settings, startDate, endDate), `the reports from ${startDate} to ${endDate}`);
      const docs = rowsToDocuments(rows, settings);
      for (let i = 0; i < docs.length; i += BATCH) yield docs.slice(i, i + BATCH);
      final = startDate;
    }
    return { batches: batches(), finalCursor: () => final };
  }

  async function fetchOne(sourceId: string): Promise<SourceDocument | null> {
    const rows = await exportRows(readJob(settings, [sourceId]), `report ${sourceId}`);
    return rowsToDocuments(rows, settings).find((d) => d.sourceId === sourceId) ?? null;
  }

  /**
   * Reconciliation: the reports approved in the period. Expensify's date filters compare the submitted/created
   * date, not the approval date that dates our documents (from-remote.ts), and a report is approved on or
   * after it was submitted. So a documented superset is read (submitted from the earlier of the connection's
   * start date and the period start, up to the period end) and filtered here on the approval date.
   * Read-only: periodJob has no label filter and no onFinish, nothing is marked exported.
   */
  async function readPeriod(range: PeriodRange): Promise<SourceDocument[]> {
    const startDate = settings.startDate < range.from ? settings.startDate : range.from;
    const rows = await exportRows(periodJob(settings, startDate, range.to), `the reports of ${range.from} to ${range.to}`);
    return rowsToDocuments(rows, settings).filter((d) => d.documentDate !== null && d.documentDate >= range.from && d.documentDate <= range.to);
  }

  /**
   * Stamps the export label on the posted reports with one export job (markAsExported on finish). Its file is
   * not downloaded: Expensify answering with a file name is the acknowledgement. A report that left the
   * exported states meanwhile is not stamped by Expensify and not pulled either (the pull asks for the same
   * states); should it come back, the outbox knows its key and never posts it twice.
   * Dismissed documents are not marked: there is nothing to tell Expensify, so they are answered ok.
   */
  async function confirmBatch(items: ConfirmItem[]): Promise<Array<{ sourceId: string; ok: boolean; error?: string }>> {
    const posted = [...new Set(items.filter((i) => i.outcome.ok).map((i) => i.doc.sourceId))];
    if (posted.length) {
      const file = await client.exportJob(confirmJob(settings, posted), EXPORT_TEMPLATE, `the export mark of ${posted.length} posted report${posted.length > 1 ? 's' : ''}`);
      // No file = none of them matched the states any more: nothing was stamped.
      if (file === null) {
        return items.map(({ doc, outcome }) =>
          outcome.ok ? { sourceId: doc.sourceId, ok: false, error: `Expensify did not export report ${doc.sourceId} (no longer ${settings.reportStates.toLowerCase()}, or deleted), so it is not marked "${settings.exportLabel}" yet` } : { sourceId: doc.sourceId, ok: true },
        );
      }
      ctx.logger.info('expensify: export label stamped', { requested: posted.length });
    }
    return items.map(({ doc }) => ({ sourceId: doc.sourceId, ok: true }));
  }

  async function confirm(doc: ConfirmItem['doc'], outcome: ConfirmOutcome): Promise<void> {
    const [answer] = await confirmBatch([{ doc, outcome }]);
    if (!answer?.ok) throw new ConnectorError('NOT_FOUND', answer?.error ?? `Report ${doc.sourceId} was not marked`, { system: SYSTEM, retryable: true });
  }

  async function listPolicyMetadata(): Promise<PolicyMetadata> {
    return readPolicyMetadata(client, settings.policyIds);
  }

  /** Categories for the mapping grid: from the adapter state when read less than CATEGORY_TTL_MS ago (2 requests saved per sync). */
  async function listCategories(): Promise<ExpensifyCategory[]> {
    const now = ctx.clock.now().getTime();
    const cached = await ctx.secrets.get(CATEGORY_STATE);
    if (cached) {
      try {
        const c = JSON.parse(cached) as { at: number; policies: string; categories: ExpensifyCategory[] };
        if (c.policies === settings.policyIds.join(',') && now - c.at < CATEGORY_TTL_MS && now >= c.at && Array.isArray(c.categories)) return c.categories;
      } catch {
        // An unreadable cache is read again from Expensify.
      }
    }
    const categories = (await listPolicyMetadata()).categories;
    await ctx.secrets.set(CATEGORY_STATE, JSON.stringify({ at: now, policies: settings.policyIds.join(','), categories }));
    return categories;
  }

  async function test(): Promise<TestStep[]> {
    const steps: TestStep[] = [];
    let ids: string[];
    try {
      const list = await listPolicies(client);
      ids = list.map((p) => p.id);
      steps.push({ step: 'credentials', ok: true, message: `Expensify accepted the partner credentials of ${settings.partnerUserId}; ${list.length} polic${list.length === 1 ? 'y is' : 'ies are'} visible` });
    } catch (e) {
      steps.push({ step: 'credentials', ok: false, message: failure(e, 'Could not read the policy list') });
      steps.push({ step: 'policies', ok: false, message: 'Not checked: the credentials did not work' });
      return steps;
    }
    const missing = settings.policyIds.filter((id) => !ids.includes(id));
    if (missing.length) steps.push({ step: 'policies', ok: false, message: `Expensify does not show polic${missing.length === 1 ? 'y' : 'ies'} ${missing.join(', ')} to ${settings.partnerUserId}: check the policy ids` });
    else steps.push({ step: 'policies', ok: true, message: settings.policyIds.length ? `All ${settings.policyIds.length} configured policies are visible` : 'Reports of every visible policy are exported' });
    return steps;
  }

  return { system: 'expensify', test, pull, fetchOne, readPeriod, confirm, confirmBatch, listCategories, listPolicyMetadata };
}

function failure(e: unknown, fallback: string): string {
  return isConnectorError(e) ? e.message : `${fallback}: unexpected error`;
}
