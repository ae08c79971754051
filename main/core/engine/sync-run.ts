// One sync pass for one connection: reference data -> recover unsettled posts -> pull -> intake -> deliver
// -> cursor -> confirmations. The outbox, not the cursor, is what prevents duplicates.
import { randomUUID } from 'node:crypto';
import type { Connection } from '../../../shared/schemas/connection';
import type { SourceDocument } from '../../../shared/schemas/document';
import type { PreviewItem, RunSummary } from '../../../shared/schemas/run';
import type { SourceAdapter, TargetAdapter } from '../adapters/types';
import { ConnectorError, isConnectorError } from '../errors';
import type { Clock, EventSink, HttpFetch, Logger } from '../ports';
import type { Store } from '../store/store';
import type { DeliveryResult } from './deliver';
import { confirmPending, wantsConfirmation } from './confirm';
import { AuthStop, deliver } from './deliver';
import { deliverBatch } from './deliver-batch';
import type { IntakeEnv } from './intake';
import { intakeInSlices, previewBatch } from './intake';
import { findMany, lookUpBeforeSend } from './lookup';
import { checksRaces, settleRaces } from './races';
import { createMappingLookup } from './mapping-lookup';
import { Pool, readAhead } from './pool';
import { pushReferenceInRun } from './reference-push';
import { noteSourceCategories, refreshReference } from './reference-refresh';
import { createReferenceIndex } from './validate';
import { periodsOf } from './periods';
import { postingGate } from './window';
import { attachReceipts, receiptSettingsOf } from './receipts';

export interface RunDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  events: EventSink;
  /** Downloads receipts (connections with receipts on); without it no receipt is fetched. */
  fetch?: HttpFetch;
}

export interface RunAdapters {
  source: SourceAdapter;
  target: TargetAdapter;
}

export interface RunOptions {
  trigger: RunSummary['trigger'];
  dryRun: boolean;
  actor: string;
  signal?: AbortSignal;
}

export const CURSOR_STREAM = 'documents';

export async function runSync(deps: RunDeps, conn: Connection, adapters: RunAdapters, opts: RunOptions): Promise<RunSummary> {
  const { store, clock, events } = deps;
  const s: RunSummary = {
    runId: randomUUID(),
    connectionId: conn.id,
    trigger: opts.trigger,
    dryRun: opts.dryRun,
    startedAt: clock.now().toISOString(),
    finishedAt: null,
    status: 'running',
    fetched: 0,
    posted: 0,
    held: 0,
    failed: 0,
    skipped: 0,
    recovered: 0,
    wouldPost: 0,
    deferred: 0,
    linked: 0,
    wouldLink: 0,
    error: null,
  };
  const preview: PreviewItem[] = [];
  let lastEmit = 0;
  const progress = (phase: 'reference' | 'fetch' | 'post' | 'confirm' | 'done', force = false) => {
    const t = clock.now().getTime();
    if (!force && t - lastEmit < 200) return;
    lastEmit = t;
    events.emit({ type: 'run.progress', payload: { runId: s.runId, connectionId: conn.id, phase, fetched: s.fetched, posted: s.posted, held: s.held, failed: s.failed, skipped: s.skipped } });
  };
  const audit = (action: 'sync_start' | 'sync_finish' | 'auth' | 'post', outcome: string, message: string) => store.audit.append({ connectionId: conn.id, actor: opts.actor, action, outcome, message });
  if (!opts.dryRun) {
    store.runs.save(s);
    audit('sync_start', 'started', `${opts.trigger} sync started`);
  }

  const count = (r: DeliveryResult) => {
    s[r]++;
    progress('post');
  };
  const deliverDeps = { store, target: adapters.target, clock, retry: conn.retry, actor: opts.actor, confirmToSource: wantsConfirmation(adapters.source), signal: opts.signal };
  // Checked as each post starts: once an off-peak window closes, the rest stay pending for the next window.
  const mayPost = postingGate(conn.schedule, opts.trigger, clock);

  try {
    progress('reference', true);
    try {
      await refreshReference(store, conn.id, adapters.target, opts.actor);
    } catch (e) {
      // Stale reference data still validates; no reference data at all cannot.
      if (store.reference.count(conn.id) === 0 || !isConnectorError(e) || e.code === 'AUTH_FAILED') throw e;
      deps.logger.warn('reference refresh failed, using cached data', { connectionId: conn.id, error: e.message });
      // In the summary too, so the card, the run details and the CLI say the checks used older data.
      s.referenceRefreshError = e.message;
    }
    if (!opts.dryRun) await noteSourceCategories(deps, conn.id, adapters.source);
    // Daily: target dimension values and suppliers to the source's pick lists (never fails the sync).
    if (!opts.dryRun) await pushReferenceInRun(deps, conn, adapters, opts.actor);
    const env: IntakeEnv = {
      conn,
      store,
      lookup: createMappingLookup(store.mappings.list(conn.id)),
      ref: createReferenceIndex(store.reference.list(conn.id)),
      periods: periodsOf(store.reference.list(conn.id, 'period')),
      caps: adapters.target.capabilities,
      actor: opts.actor,
      confirmToSource: deliverDeps.confirmToSource,
      tenant: adapters.source.tenant ?? null,
    };
    const lookupDeps = { store, target: adapters.target, clock, actor: opts.actor, confirmToSource: deliverDeps.confirmToSource, retryAfterMs: conn.retry.maxDelayMs };

    const pool = new Pool(conn.concurrency);
    // Once every post of a page is settled, the ERP is asked (one call) whether another install posted any of
    // them in the same moment; the oldest document wins everywhere (races.ts).
    const raceChecks: Array<Promise<void>> = [];
    const raceDeps = { store, target: adapters.target, logger: deps.logger, actor: opts.actor };
    const racePage = () => {
      const pending: Array<Promise<void>> = [];
      const posted: number[] = [];
      return {
        posted,
        task: () => {
          let resolve!: () => void;
          pending.push(new Promise<void>((r) => (resolve = r)));
          return resolve;
        },
        close: () => {
          if (!checksRaces(adapters.target) || pending.length === 0) return;
          raceChecks.push(
            Promise.all(pending)
              .then(async () => {
                const r = await settleRaces(posted, raceDeps);
                s.posted -= r.settled;
                s.linked += r.settled;
              })
              .catch((e: unknown) => deps.logger.error('checking for documents posted twice failed', { connectionId: conn.id, error: e instanceof Error ? e.message : String(e) })),
          );
        },
      };
    };
    if (!opts.dryRun) {
      // Posts a previous run left uncertain (crash, dropped response) go through findExisting first.
      for (const row of [...store.postings.unsettled(conn.id), ...store.postings.dueFailures(conn.id, clock.now().toISOString())]) {
        await pool.add(async () => {
          if (!mayPost()) return void s.deferred++;
          const r = await deliver(row, deliverDeps);
          // A pending row was never sent (e.g. left by a closed window): a plain post, not a recovery.
          if ((r === 'posted' || r === 'linked') && row.status !== 'pending') s.recovered++;
          else count(r);
        });
      }
    }

    const pull = adapters.source.pull(store.cursors.get(conn.id, CURSOR_STREAM));
    progress('fetch', true);
    for await (const batch of readAhead(pull.batches, 2)) {
      s.fetched += batch.length;
      if (opts.dryRun) {
        const items = previewBatch(batch, env);
        // What the ERP already has is reported as "would link", exactly as a real run would find it.
        const found = await findMany(adapters.target, items.flatMap((i) => (i.plan ? [i.plan] : [])));
        for (const { item, plan } of items) {
          const hit = plan ? found.get(plan.idempotencyKey) : undefined;
          const shown = hit ? { ...item, outcome: 'would_link' as const, erpId: hit.erpId } : item;
          preview.push(shown);
          if (shown.outcome === 'would_post') s.wouldPost++;
          else if (shown.outcome === 'would_link') s.wouldLink++;
          else if (shown.outcome === 'would_hold') s.held++;
          else s.skipped++;
        }
        continue;
      }
      const out = await intakeInSlices(batch, env);
      await acknowledge(deps, conn, adapters.source, batch, opts.actor);
      s.held += out.held;
      s.skipped += out.skipped;
      // The ERP is asked first, in as few calls as it allows, which of this page it already has.
      const looked = await lookUpBeforeSend(out.deliver, lookupDeps);
      s.linked += looked.linked;
      s.failed += looked.failed;
      // Batch-capable targets take fresh rows in groups; the rest one by one. Either way through the outbox.
      const size = adapters.target.postBatch ? Math.max(1, adapters.target.capabilities.maxBatch) : 1;
      const page = racePage();
      for (let i = 0; i < looked.toSend.length; i += size) {
        const group = looked.toSend.slice(i, i + size);
        const done = page.task();
        await pool.add(async () => {
          try {
            if (!mayPost()) return void (s.deferred += group.length);
            const results = size > 1 ? await deliverBatch(group, deliverDeps, true) : [await deliver(group[0]!, deliverDeps, true)];
            results.forEach((r, j) => {
              count(r);
              if (r === 'posted') page.posted.push(group[j]!.id);
            });
          } finally {
            done();
          }
        });
      }
      page.close();
      progress('fetch');
    }
    await Promise.all(raceChecks);
    await pool.drain();
    if (s.deferred) audit('post', 'deferred', `The off-peak window closed: ${s.deferred} document(s) wait in the outbox for the next window`);
    const cursor = pull.finalCursor();
    if (cursor && !opts.dryRun) store.cursors.set(conn.id, CURSOR_STREAM, cursor);

    if (!opts.dryRun && wantsConfirmation(adapters.source)) {
      progress('confirm', true);
      await confirmPending(store, conn.id, adapters.source, opts.actor);
    }
    if (!opts.dryRun && deps.fetch && receiptSettingsOf(conn)) await receiptsInRun(deps, deps.fetch, conn, adapters, opts);
    if (!opts.dryRun) {
      store.connections.resetAuthFailures(conn.id);
      if (conn.status === 'paused') {
        store.connections.setStatus(conn.id, 'active', null);
        audit('auth', 'resumed', 'Signed in again: connection resumed');
      }
    }
    s.status = 'succeeded';
  } catch (e) {
    const err = e instanceof AuthStop ? e.error : e;
    s.status = 'failed';
    s.error = isConnectorError(err) ? err.message : `Unexpected error: ${err instanceof Error ? err.message : String(err)}`;
    if (!isConnectorError(err)) deps.logger.error('sync failed with an unexpected error', { connectionId: conn.id, stack: err instanceof Error ? err.stack : String(err) });
    else deps.logger.warn('sync failed', { connectionId: conn.id, code: err.code, error: err.message, correlationId: err.correlationId });
    if (isConnectorError(err) && (err.code === 'AUTH_FAILED' || err.code === 'AUTH_EXPIRED') && !opts.dryRun) {
      const failures = store.connections.bumpAuthFailures(conn.id);
      if (failures >= conn.retry.pauseAfterAuthFailures) {
        const reason = `Paused after ${failures} failed sign-ins: ${err.message}`;
        store.connections.setStatus(conn.id, 'paused', reason);
        audit('auth', 'paused', reason);
      }
    }
  } finally {
    s.finishedAt = clock.now().toISOString();
    if (opts.dryRun) s.preview = preview;
    else {
      store.runs.save(s);
      audit('sync_finish', s.status, summaryText(s));
    }
    deps.logger.info('sync finished', { connectionId: conn.id, runId: s.runId, summary: summaryText(s) });
    progress('done', true);
    events.emit({ type: 'run.finished', payload: s });
    events.emit({ type: 'entities.changed', payload: { tags: ['postings', 'runs', 'audit', 'mappings', 'reference', 'connections'] } });
  }
  return s;
}

/**
 * Tells the source the batch is recorded (Concur FIS). Only after the local commit; a failure is logged and
 * the documents stay READY at the source, so the next pull lists them again and the outbox skips them.
 */
async function acknowledge(deps: RunDeps, conn: Connection, source: SourceAdapter, docs: SourceDocument[], actor: string): Promise<void> {
  if (!source.acknowledge || docs.length === 0) return;
  try {
    await source.acknowledge(docs);
  } catch (e) {
    const err = isConnectorError(e) ? e : new ConnectorError('INTERNAL', String(e));
    deps.logger.warn('acknowledgement failed', { connectionId: conn.id, error: err.message });
    deps.store.audit.append({ connectionId: conn.id, actor, action: 'fetch', outcome: 'ack_failed', message: `Acknowledgement to the source failed (the documents are recorded and will be acknowledged on the next pull): ${err.message}`, correlationId: err.correlationId ?? null });
  }
}

/** Receipts after the posts: their own queue, so nothing here can fail the run or touch a post. */
async function receiptsInRun(deps: RunDeps, fetchImpl: HttpFetch, conn: Connection, adapters: RunAdapters, opts: RunOptions): Promise<void> {
  try {
    const r = await attachReceipts({ store: deps.store, clock: deps.clock, logger: deps.logger, fetch: fetchImpl, actor: opts.actor, signal: opts.signal }, conn, adapters);
    if (r.attached + r.failed + r.skipped + r.retrying > 0) deps.logger.info('receipts', { connectionId: conn.id, ...r });
  } catch (e) {
    deps.logger.error('the receipt queue failed', { connectionId: conn.id, error: e instanceof Error ? e.message : String(e) });
  }
}

export function summaryText(s: RunSummary): string {
  const parts = [`fetched ${s.fetched}`, `posted ${s.posted}`, `held ${s.held}`, `failed ${s.failed}`, `skipped ${s.skipped}`];
  if (s.linked) parts.push(`already in the ERP ${s.linked} (linked, not sent)`);
  if (s.recovered) parts.push(`recovered ${s.recovered}`);
  if (s.dryRun) parts.push(`would post ${s.wouldPost}`, `already in the ERP ${s.wouldLink} (would link)`);
  return `${s.status}: ${parts.join(', ')}${s.error ? ` — ${s.error}` : ''}`;
}
