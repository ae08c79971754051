// The Expensify source adapter: export job (our CSV template, label-filtered) + download -> SourceDocuments;
// the export label is stamped by a second, id-restricted export only after the ERP post (confirmBatch).
// Expensify stays read-only apart from that stamp.
import type { SourceDocument } from '../../../../shared/schemas/document';
import type { ExpensifySourceSettings } from '../../../../shared/schemas/systems/expensify';
import { ConnectorError, isConnectorError } from '../../errors';
import type { AdapterContext, ConfirmOutcome, SourceAdapter, SourcePull, TestStep } from '../types';
import { createExpensifyClient } from './client';
import type { ExpensifyClient, Job } from './client';
import { SYSTEM } from './errors';
import { rowsToDocuments } from './from-remote';
import { confirmJob, defaultEndDate, pullJob, readJob } from './jobs';
import { parseExport } from './parse';
import { listPolicies, readPolicyMetadata } from './policies';
import type { ExpensifyCategory, PolicyMetadata } from './policies';
import { EXPORT_TEMPLATE } from './template';

/** Documents per yielded batch: the export is one file, handed to the engine in slices. */
const BATCH = 50;

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
   * Stamps the export label on the posted reports with one export job; the downloaded output tells which
   * reports Expensify really exported (one no longer approved/reimbursed is not, and is answered not ok).
   * Dismissed documents are not marked: there is nothing to tell Expensify, so they are answered ok.
   */
  async function confirmBatch(items: ConfirmItem[]): Promise<Array<{ sourceId: string; ok: boolean; error?: string }>> {
    const posted = [...new Set(items.filter((i) => i.outcome.ok).map((i) => i.doc.sourceId))];
    let marked = new Set<string>();
    if (posted.length) {
      const rows = await exportRows(confirmJob(settings, posted), `the export mark of ${posted.length} posted report${posted.length > 1 ? 's' : ''}`);
      marked = new Set(rows.map((r) => r.reportID));
      ctx.logger.info('expensify: export label stamped', { requested: posted.length, marked: marked.size });
    }
    return items.map(({ doc, outcome }) => {
      if (!outcome.ok || marked.has(doc.sourceId)) return { sourceId: doc.sourceId, ok: true };
      return {
        sourceId: doc.sourceId,
        ok: false,
        error: `Expensify did not export report ${doc.sourceId} (no longer ${settings.reportStates.toLowerCase()}, or deleted), so it is not marked "${settings.exportLabel}" yet`,
      };
    });
  }

  async function confirm(doc: ConfirmItem['doc'], outcome: ConfirmOutcome): Promise<void> {
    const [answer] = await confirmBatch([{ doc, outcome }]);
    if (!answer?.ok) throw new ConnectorError('NOT_FOUND', answer?.error ?? `Report ${doc.sourceId} was not marked`, { system: SYSTEM, retryable: true });
  }

  async function listPolicyMetadata(): Promise<PolicyMetadata> {
    return readPolicyMetadata(client, settings.policyIds);
  }

  async function listCategories(): Promise<ExpensifyCategory[]> {
    return (await listPolicyMetadata()).categories;
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

  return { system: 'expensify', test, pull, fetchOne, confirm, confirmBatch, listCategories, listPolicyMetadata };
}

function failure(e: unknown, fallback: string): string {
  return isConnectorError(e) ? e.message : `${fallback}: unexpected error`;
}
