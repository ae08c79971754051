// The Sage Intacct TargetAdapter: GLBATCH / APBILL creates over the XML gateway (function controlid =
// key with uniqueid=true, and the key in a searchable field), look-ups of every key with one `query` per
// page (`in` filter), a refused repeat answered as 'duplicate', batches of independent creates, bills due
// by the vendor's terms unless the connection sets a rule, and reference data paged with readByQuery / readMore.
import type { PostingPlan } from '../../../../shared/schemas/plan';
import type { ReferenceItem } from '../../../../shared/schemas/reference';
import type { SageIntacctTargetSettings } from '../../../../shared/schemas/systems/sage-intacct';
import { ConnectorError } from '../../errors';
import type { AdapterContext, PostOutcome, TargetAdapter, TargetCapabilities } from '../types';
import { intacctAttachments } from './attachments';
import { createIntacctClient } from './client';
import { errorsText } from './errors';
import { billDueFor, type BillDue } from './due-date';
import { errorsToReasons, isDuplicate, recordNoOf, REF_SPECS, rowsToReference, type IntacctRefKind } from './from-remote';
import { findExistingMany } from './lookup';
import { readBack } from './read-back';
import { createPartners } from './partners';
import { isPeriodClosed, laterPeriodStarts, movedNote, noOpenPeriod } from './period';
import { runIntacctTest } from './probe';
import { INTACCT_SYSTEM, type IntacctResult } from './schemas';
import { createFunction, INTACCT_DESCRIPTION_MAX, INTACCT_SUPPLIER_CREDIT, objectFor, readByQuery, readMore } from './to-remote';
import { vendorTerms } from './vendor-terms';

const REF_ORDER: IntacctRefKind[] = ['department', 'location', 'account', 'vendor', 'employee'];
const MAX_PAGES = 100_000;
const sys = { system: INTACCT_SYSTEM };

/** The error every function of a rolled-back transaction carries. */
export const ROLLED_BACK = 'XL03000009';

/** A function rolled back with the rest of its transaction: not booked, safe to send again on its own. */
export const isAborted = (r: IntacctResult): boolean => r.status === 'aborted' || (r.status === 'failure' && r.errors.length > 0 && r.errors.every((e) => e.errorno === ROLLED_BACK));

export function sageIntacctCapabilities(settings: SageIntacctTargetSettings): TargetCapabilities {
  return { postingKinds: ['journal', 'supplier_invoice'], dimensionTypes: ['department', 'location'], maxBatch: settings.maxBatch, maxDescriptionLength: INTACCT_DESCRIPTION_MAX, supplierCredit: { document: INTACCT_SUPPLIER_CREDIT } };
}

/**
 * One create function's result as an outcome. A refused repeat (duplicate control id, or a reference the
 * company keeps unique) is 'duplicate': the engine looks the key up and links it. A success without
 * RECORDNO is not an answer: it is thrown as uncertain, and the outbox asks findExisting.
 */
export function outcomeOf(plan: PostingPlan, result: IntacctResult): PostOutcome {
  if (result.status === 'success') {
    const erpId = recordNoOf(result);
    if (!erpId) throw new ConnectorError('REMOTE_PROTOCOL', `Sage Intacct created ${objectFor(plan)} ${plan.idempotencyKey} but returned no RECORDNO`, { ...sys, retryable: true, uncertain: true });
    return { status: 'posted', erpId, warnings: [] };
  }
  if (isDuplicate(result.errors)) return { status: 'duplicate', message: `Sage Intacct refused ${plan.idempotencyKey} as already sent: ${errorsText(result.errors)}` };
  return { status: 'rejected', reasons: errorsToReasons(result.errors) };
}

export function createSageIntacctTarget(settings: SageIntacctTargetSettings, ctx: AdapterContext): TargetAdapter {
  const client = createIntacctClient(settings, ctx);
  const terms = vendorTerms(client);

  /** Each bill's due date under the connection's rule (the vendors' terms read once per batch); a hold reason when it has none. */
  async function duesOf(plans: PostingPlan[]): Promise<Array<BillDue | PostOutcome | null>> {
    const bills = plans.filter((p) => p.kind === 'supplier_invoice');
    const vendorTermOf = settings.billDueRule === 'vendor_terms' && bills.length ? await terms.resolve(bills.map((p) => p.partner ?? '')) : new Map<string, string>();
    return plans.map((p) => {
      if (p.kind !== 'supplier_invoice') return null;
      const due = billDueFor(p, settings, vendorTermOf.get(p.partner ?? ''));
      return 'code' in due ? { status: 'rejected', reasons: [due] } : due;
    });
  }

  async function* pages(kind: IntacctRefKind): AsyncGenerator<ReferenceItem[]> {
    const spec = REF_SPECS[kind];
    let fn = readByQuery(spec.object, spec.fields, settings.pageSize);
    for (let page = 0; page < MAX_PAGES; page++) {
      const [result] = (await client.run([fn], { write: false })).results;
      if (!result || result.status !== 'success' || !result.data) {
        const text = result ? errorsText(result.errors) : 'no result';
        throw new ConnectorError('REMOTE_PROTOCOL', `Sage Intacct could not list ${spec.object} records: ${text || 'no reason given'}`, { ...sys, retryable: false });
      }
      const items = rowsToReference(kind, result.data.rows);
      if (items.length) yield items;
      const remaining = Number(result.data.attrs.numremaining ?? '0');
      if (!(remaining > 0)) return;
      const resultId = result.data.attrs.resultId ?? '';
      if (!resultId) throw new ConnectorError('REMOTE_PROTOCOL', `Sage Intacct said ${remaining} ${spec.object} records remain but gave no resultId to read them`, { ...sys, retryable: false });
      fn = readMore(spec.object, resultId);
    }
  }

  /**
   * Sends up to maxBatch creates in one request; one outcome per plan, in order. Under batchTransaction a
   * failure rolls the request back: the documents aborted with it were not booked and are re-sent one by one.
   */
  async function sendBatch(all: PostingPlan[]): Promise<PostOutcome[]> {
    const dues = await duesOf(all);
    const held = new Map<string, PostOutcome>();
    const sendable: Array<{ plan: PostingPlan; due: BillDue | null }> = [];
    all.forEach((plan, i) => {
      const d = dues[i] ?? null;
      if (d && 'status' in d) held.set(plan.idempotencyKey, d);
      else sendable.push({ plan, due: d });
    });
    const sent = sendable.length ? await sendCreates(sendable) : [];
    const byKey = new Map(sendable.map((x, i) => [x.plan.idempotencyKey, sent[i]!]));
    return all.map((p) => held.get(p.idempotencyKey) ?? byKey.get(p.idempotencyKey)!);
  }

  async function sendCreates(items: Array<{ plan: PostingPlan; due: BillDue | null }>): Promise<PostOutcome[]> {
    const plans = items.map((x) => x.plan);
    const dueOf = new Map(items.map((x) => [x.plan.idempotencyKey, x.due]));
    const transaction = settings.batchTransaction && plans.length > 1;
    const resp = await client.run(items.map((x) => createFunction(x.plan, settings, x.due)), { write: true, transaction });
    const byId = new Map(resp.results.map((r) => [r.controlid, r]));
    const results = plans.map((p, i) => {
      const result = byId.get(p.idempotencyKey) ?? (resp.results.every((r) => !r.controlid) ? resp.results[i] : undefined);
      if (!result) throw new ConnectorError('REMOTE_PROTOCOL', `Sage Intacct gave no result for ${p.idempotencyKey}`, { ...sys, retryable: true, uncertain: true });
      return result;
    });
    const out: PostOutcome[] = [];
    for (const [i, p] of plans.entries()) {
      const result = results[i]!;
      if (transaction && isAborted(result)) {
        ctx.logger.info('Sage Intacct rolled back a batch; re-sending a document on its own', { key: p.idempotencyKey });
        out.push(...(await sendCreates([{ plan: p, due: dueOf.get(p.idempotencyKey) ?? null }])));
        continue;
      }
      out.push(await afterPeriodRule(p, outcomeOf(p, result), dueOf.get(p.idempotencyKey) ?? null));
    }
    return out;
  }

  /** Under the next-open-period rule, a "period closed" refusal is re-sent dated the 1st of each later month. */
  async function afterPeriodRule(plan: PostingPlan, outcome: PostOutcome, due: BillDue | null): Promise<PostOutcome> {
    if (settings.closedPeriod !== 'next_open_period' || outcome.status !== 'rejected' || !isPeriodClosed(outcome.reasons)) return outcome;
    const today = ctx.clock.now().toISOString().slice(0, 10);
    for (const date of laterPeriodStarts(plan.postingDate, today)) {
      const moved = { ...plan, postingDate: date };
      const [result] = (await client.run([createFunction(moved, settings, due)], { write: true })).results;
      if (!result) throw new ConnectorError('REMOTE_PROTOCOL', `Sage Intacct gave no result for ${plan.idempotencyKey}`, { ...sys, retryable: true, uncertain: true });
      const next = outcomeOf(moved, result);
      if (next.status === 'posted') return { ...next, warnings: [...next.warnings, movedNote(plan.postingDate, date)] };
      if (next.status !== 'rejected' || !isPeriodClosed(next.reasons)) return next;
    }
    return { status: 'rejected', reasons: [noOpenPeriod(plan.postingDate, today)] };
  }

  const severalWarning = (key: string, recordNos: string[]) => ctx.logger.warn('Sage Intacct holds several records with the same key', { key, recordNos });

  return {
    system: 'sage-intacct',
    // Receipts as supporting documents (create_supdoc, then SUPDOCID on the APBILL / GLBATCH): attachments.ts.
    attachments: intacctAttachments(client),
    capabilities: sageIntacctCapabilities(settings),

    test: () => runIntacctTest(settings, client),

    async *readReference() {
      for (const kind of REF_ORDER) yield* pages(kind);
      // Tax details only exist in VAT companies (a US company has no TAXDETAIL records to read).
      if (settings.vatEnabled) yield* pages('taxDetail');
    },

    async findExisting(plan: PostingPlan) {
      return (await findExistingMany(client, [plan], settings, severalWarning)).get(plan.idempotencyKey) ?? null;
    },

    findExistingMany: (plans) => findExistingMany(client, plans, settings, severalWarning),
    readBack: (q) => readBack(client, settings, q),

    async post(plan: PostingPlan): Promise<PostOutcome> {
      const [outcome] = await sendBatch([plan]);
      return outcome!;
    },

    createsPartners: settings.createMissingPartners,

    createPartners: (items) => createPartners(client, settings, items),

    async postBatch(plans: PostingPlan[]): Promise<PostOutcome[]> {
      const out: PostOutcome[] = [];
      for (let i = 0; i < plans.length; i += settings.maxBatch) out.push(...(await sendBatch(plans.slice(i, i + settings.maxBatch))));
      return out;
    },
  };
}
