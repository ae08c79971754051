// The SAP Concur source adapter. Mode "reports": approved v3 expense reports (reports.ts) and, when asked,
// approved v3 invoices (invoices.ts) under one combined cursor. Mode "fis": the Financial Integration
// Service queue (fis.ts), acknowledged after the engine's commit and confirmed after the ERP post (fis-confirm.ts).
import type { SourceDocument } from '../../../../shared/schemas/document';
import type { ReferenceItem } from '../../../../shared/schemas/reference';
import type { ConcurSourceSettings } from '../../../../shared/schemas/systems/concur';
import { withConcurDefaults } from '../../../../shared/schemas/systems/concur';
import { isConnectorError } from '../../errors';
import type { AdapterContext, PeriodRange, SourceAdapter, SourcePull, TestStep } from '../types';
import { ConcurAuth } from './auth';
import { createConcurClient } from './client';
import type { ConcurClient } from './client';
import { formatPullCursor, parsePullCursor, startingCursor, startingInvoiceCursor } from './cursor';
import type { PullCursor } from './cursor';
import { createFisReader } from './fis';
import { FIS_PATH, createFisWriter } from './fis-confirm';
import { fisPageSchema } from './fis-schemas';
import { INVOICE_ID_PREFIX } from './invoice-from-remote';
import { DIGESTS, createInvoiceReader } from './invoices';
import { pushConcurReference } from './reference-push';
import { APPROVED, REPORTS, createReportReader } from './reports';
import { concurReceiptLink, withConcurReceipts } from './receipts';
import { invoiceDigestPageSchema, reportPageSchema } from './schemas';

export function createConcurSource(input: ConcurSourceSettings, ctx: AdapterContext): SourceAdapter {
  const settings = withConcurDefaults(input);
  const auth = new ConcurAuth(settings, ctx);
  const client = createConcurClient(ctx, auth, { timeoutMs: settings.requestTimeoutMs, outageWaitMs: settings.outageWaitMs, outageRetries: settings.outageRetries });
  const test = () => runTest(settings, auth, client);
  const pushReference = (items: readonly ReferenceItem[]) => pushConcurReference(settings, client, items);
  const tenant = concurTenant(settings);
  if (settings.mode === 'fis') {
    const reader = createFisReader(settings, ctx, client);
    const writer = createFisWriter(settings, client, () => ctx.clock.now().toISOString().slice(0, 10));
    const pull = (cursor: string | null): SourcePull => {
      // READY is the queue: there is no date watermark. Keep the report/invoice watermarks for a switch back.
      let final: string | null = null;
      async function* batches(): AsyncGenerator<SourceDocument[]> {
        yield* reader.batches();
        final = cursor;
      }
      return { batches: batches(), finalCursor: () => final };
    };
    return withReceipts({
      system: 'concur',
      tenant,
      test,
      pull,
      pushReference,
      // No readPeriod: without a docId the FIS list holds only not-yet-acknowledged READY documents (api/concur.md §2.7, ignoreDocumentStatus).
      periodUnavailable: 'Concur FIS lists a document only until it is acknowledged; the documents of a past period are gone from it',
      fetchOne: reader.fetchOne,
      acknowledge: async (docs) => {
        reader.noteAcknowledged();
        await writer.acknowledge(docs);
      },
      confirm: async (doc, outcome) => {
        const [r] = await writer.confirmMany([{ doc, outcome }]);
        if (r && !r.ok) throw r.error;
      },
      // CONFLICT is FIS answering WAS_RECALLED / 102 / 112 (see fis-confirm.ts itemError): recalled after we posted it.
      confirmBatch: async (items) => (await writer.confirmMany(items)).map((r) => (r.ok ? { sourceId: r.sourceId, ok: true } : { sourceId: r.sourceId, ok: false, error: r.error.message, ...(r.error.code === 'CONFLICT' ? { recalled: true } : {}) })),
    }, client);
  }

  const reports = createReportReader(settings, client);
  const invoices = createInvoiceReader(settings, client);
  function pull(cursor: string | null): SourcePull {
    const stored = parsePullCursor(cursor);
    const next: PullCursor = { reports: null, invoices: stored.invoices };
    let finished = false;
    async function* batches(): AsyncGenerator<SourceDocument[]> {
      yield* reports.batches(startingCursor(stored.reports, settings.startDate), (c) => (next.reports = c));
      if (settings.includeInvoices) {
        yield* invoices.batches(startingInvoiceCursor(stored.invoices, settings.invoiceStartDate ?? settings.startDate), (c) => (next.invoices = c));
      }
      finished = true;
    }
    return { batches: batches(), finalCursor: () => (finished ? formatPullCursor(next, settings.includeInvoices) : null) };
  }
  async function fetchOne(sourceId: string, meta: Record<string, string>): Promise<SourceDocument | null> {
    if (sourceId.startsWith(INVOICE_ID_PREFIX)) return invoices.fetchOne(meta.requestId ?? sourceId.slice(INVOICE_ID_PREFIX.length));
    return reports.fetchOne(sourceId, meta);
  }
  /**
   * Reconciliation, read-only: nothing stored, no cursor moved. Reports by their submit date (E1 filters),
   * invoices by their invoice date (a superset read since the earlier of the invoice start date and the period
   * start, filtered here). FIS mode has no readPeriod: FIS documents are gone once acknowledged.
   */
  async function readPeriod(range: PeriodRange): Promise<SourceDocument[]> {
    const docs = await reports.readPeriod(range.from, range.to);
    if (!settings.includeInvoices) return docs;
    const start = settings.invoiceStartDate ?? settings.startDate;
    const since = startingInvoiceCursor(null, start < range.from ? start : range.from);
    return [...docs, ...(await invoices.readPeriod(since, range.from, range.to))];
  }
  return withReceipts({ system: 'concur', tenant, test, pull, fetchOne, readPeriod, pushReference }, client);
}

/** Every document read carries its receipt reference (Image v1); the link itself is asked for when attaching. */
function withReceipts(adapter: SourceAdapter, client: ConcurClient): SourceAdapter {
  const pull = (cursor: string | null): SourcePull => {
    const inner = adapter.pull(cursor);
    async function* batches(): AsyncGenerator<SourceDocument[]> {
      for await (const batch of inner.batches) yield batch.map(withConcurReceipts);
    }
    return { batches: batches(), finalCursor: () => inner.finalCursor() };
  };
  const fetchOne = adapter.fetchOne;
  return {
    ...adapter,
    pull,
    ...(fetchOne ? { fetchOne: async (id: string, meta: Record<string, string>) => { const d = await fetchOne(id, meta); return d && withConcurReceipts(d); } } : {}),
    receiptLink: (ref) => concurReceiptLink(client, ref),
  };
}

async function runTest(settings: ReturnType<typeof withConcurDefaults>, auth: ConcurAuth, client: ConcurClient): Promise<TestStep[]> {
  const steps: TestStep[] = [];
  const skip = (step: string, why: string) => steps.push({ step, ok: false, message: `Not checked: ${why}` });
  const fis = settings.mode === 'fis';
  const access = fis ? 'financial integration access' : 'report access';
  let geolocation: string;
  try {
    geolocation = (await auth.session()).geolocation;
    steps.push({ step: 'token', ok: true, message: `SAP Concur accepted the ${settings.grant === 'authtoken' ? 'company connection' : 'sign-in'} for ${settings.username}` });
  } catch (e) {
    steps.push({ step: 'token', ok: false, message: failure(e, `Could not get a token from ${settings.tokenUrl}`) });
    skip('geolocation', 'no token');
    skip(access, 'no token');
    return steps;
  }
  steps.push({ step: 'geolocation', ok: true, message: `API calls go to ${geolocation}, the data center SAP Concur assigned to this account` });
  const probe = async (step: string, run: () => Promise<string>, fallback: string) => {
    try {
      steps.push({ step, ok: true, message: await run() });
    } catch (e) {
      steps.push({ step, ok: false, message: failure(e, fallback) });
    }
  };
  if (fis) {
    const docType = settings.fisDocTypes[0] ?? 'expense';
    await probe(access, async () => {
      await client.getJson(`${FIS_PATH}/${docType}/transactions?page=0&limit=1`, fisPageSchema, `the ${docType} documents ready to post`, { DocumentFormatAs: 'json' });
      return 'The Financial Integration Service answers for this company';
    }, 'Could not read the Financial Integration Service (it needs a company connection and the FISVC scope)');
    if (!settings.erpCompanyCode) steps.push({ step: 'erp company', ok: false, message: 'Set the ERP company code: FIS posting confirmations must name the ERP company' });
    return steps;
  }
  await probe(access, async () => {
    const q = new URLSearchParams({ user: 'ALL', approvalStatusCode: APPROVED, limit: '1' });
    const page = await client.getJson(`${REPORTS}?${q.toString()}`, reportPageSchema, 'the list of approved expense reports');
    return page.Items?.length ? 'Approved expense reports of all users can be read' : 'Report search works; there is no approved expense report yet';
  }, 'Could not search expense reports');
  if (settings.includeInvoices) {
    await probe('invoice access', async () => {
      await client.getJson(`${DIGESTS}?approvalStatus=${APPROVED}&limit=1`, invoiceDigestPageSchema, 'the list of approved invoices');
      return 'Approved invoices can be read';
    }, 'Could not search invoices');
  }
  return steps;
}

function failure(e: unknown, fallback: string): string {
  return isConnectorError(e) ? e.message : `${fallback}: unexpected error`;
}

/**
 * The Concur company every document of this connection belongs to: the company UUID a company connection
 * signs in with, or the one set for a user login. Without it, a user login's keys are per login id, which
 * is stable across installs of the same user but not across colleagues: the connection form asks for it.
 */
export function concurTenant(settings: { grant: string; username: string; companyUuid?: string | undefined }): string {
  if (settings.grant === 'authtoken') return settings.username.toLowerCase();
  return settings.companyUuid?.toLowerCase() ?? `login:${settings.username.toLowerCase()}`;
}
