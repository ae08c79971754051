// Pushes the target's reference data (cached by the last refresh) to the source: dimension values to Concur
// lists, suppliers to Concur vendors. Then reports what the source has and the target lacks (Concur vendors,
// mapped employees) — or, only when the accountant turned it on for the connection, creates them in the
// target, each creation in the audit trail. Daily inside the scheduled sync, and on demand.
import type { Connection } from '../../../shared/schemas/connection';
import { systemLabel } from '../../../shared/schemas/document';
import type { ReferencePushSummary } from '../../../shared/schemas/reference';
import type { PartnerToCreate, ReferencePushReport, SourceAdapter, TargetAdapter } from '../adapters/types';
import { isConnectorError } from '../errors';
import type { Clock, Logger } from '../ports';
import type { Store } from '../store/store';
import { refreshReference } from './reference-refresh';

/** Cursor stream holding the time of the last push (ISO). */
export const REFERENCE_PUSH_STREAM = 'reference-push';
export const REFERENCE_PUSH_INTERVAL_MS = 24 * 3600_000;
const LISTED = 20;
// Audit messages name Concur by its full product name.
const label = (system: string) => (system === 'concur' ? 'SAP Concur' : systemLabel(system));

export interface PushDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
}

export function isReferencePushDue(store: Store, connectionId: string, now: Date): boolean {
  const last = Date.parse(store.cursors.get(connectionId, REFERENCE_PUSH_STREAM) ?? '');
  return Number.isNaN(last) || now.getTime() - last >= REFERENCE_PUSH_INTERVAL_MS;
}

const listed = (items: Array<{ code: string; reason?: string; name?: string }>) =>
  items.slice(0, LISTED).map((i) => (i.reason ? `${i.code} (${i.reason})` : i.name && i.name !== i.code ? `${i.code} "${i.name}"` : i.code)).join('; ') + (items.length > LISTED ? `; and ${items.length - LISTED} more` : '');

/** Partners the source knows that the target lacks: source-only vendors, and employees mapped to a missing code. */
export function missingPartners(store: Store, connectionId: string, report: ReferencePushReport): PartnerToCreate[] {
  const known = new Set(store.reference.list(connectionId).filter((i) => i.kind === 'supplier' || i.kind === 'employee').map((i) => i.code));
  const out = new Map<string, PartnerToCreate>();
  for (const v of report.sourceOnly) if (!known.has(v.code)) out.set(v.code, { role: 'vendor', code: v.code, name: v.name });
  if (known.size > 0) {
    for (const m of store.mappings.list(connectionId, 'employee')) {
      const code = m.target.trim();
      if (code && !known.has(code) && !out.has(code)) out.set(code, { role: 'employee', code, name: m.sourceName || m.sourceCode });
    }
  }
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export async function pushReferenceToSource(deps: PushDeps, conn: Connection, adapters: { source: SourceAdapter; target: TargetAdapter }, actor: string): Promise<ReferencePushSummary> {
  const { store } = deps;
  const summary: ReferencePushSummary = { pushed: false, created: 0, updated: 0, deactivated: 0, unchanged: 0, skipped: 0, failed: 0, deferred: 0, missingInTarget: 0, partnersCreated: 0, destinations: [], message: '' };
  const audit = (action: 'reference_push' | 'partner_missing' | 'partner_create', outcome: string, message: string, erpId: string | null = null) =>
    store.audit.append({ connectionId: conn.id, actor, action, outcome, message, erpId });
  if (!adapters.source.pushReference) {
    summary.message = `${label(conn.source.system)} does not take reference data from the ERP`;
    return summary;
  }
  // Period status is the ERP's alone: the source never receives it.
  const report = await adapters.source.pushReference(store.reference.list(conn.id).filter((i) => i.kind !== 'period'));
  store.cursors.set(conn.id, REFERENCE_PUSH_STREAM, deps.clock.now().toISOString());
  Object.assign(summary, {
    pushed: report.destinations.length > 0,
    created: report.created,
    updated: report.updated,
    deactivated: report.deactivated,
    unchanged: report.unchanged,
    skipped: report.skipped.length,
    failed: report.failed.length,
    deferred: report.deferred,
    destinations: report.destinations,
  });
  const counts = `${report.created} created, ${report.updated} updated, ${report.deactivated} deactivated, ${report.unchanged} unchanged`;
  summary.message = report.destinations.length ? `Reference data pushed to ${label(conn.source.system)} (${report.destinations.join('; ')}): ${counts}` : `Nothing is set up to receive reference data in ${label(conn.source.system)} (no lists mapped, vendors off)`;
  if (report.deferred) summary.message += `; ${report.deferred} changes wait for the next push (write cap)`;
  // Nothing set up to receive it: no row every day, only the missing partners below.
  if (report.destinations.length) audit('reference_push', report.failed.length ? 'partial' : 'ok', summary.message);
  if (report.skipped.length) audit('reference_push', 'skipped', `Not pushed: ${listed(report.skipped)}`);
  if (report.failed.length) audit('reference_push', 'failed', `Push failed, retried on the next push: ${listed(report.failed)}`);

  const missing = missingPartners(store, conn.id, report);
  summary.missingInTarget = missing.length;
  if (missing.length === 0) return summary;
  if (!adapters.target.createsPartners || !adapters.target.createPartners) {
    for (const p of missing) {
      audit('partner_missing', 'reported', p.role === 'vendor' ? `${label(conn.source.system)} vendor ${p.code} "${p.name}" does not exist in ${label(conn.target.system)}: create it there, or allow the connector to create missing partners` : `Employee ${p.name} is mapped to ${p.code}, which does not exist in ${label(conn.target.system)}: create it there, fix the mapping, or allow the connector to create missing partners`);
    }
    return summary;
  }
  const results = await adapters.target.createPartners(missing);
  for (const [i, r] of results.entries()) {
    const p = missing[i]!;
    if (r.status === 'created') {
      summary.partnersCreated++;
      audit('partner_create', 'created', `Created ${r.object} ${p.code} "${p.name}" in ${label(conn.target.system)} (missing there, known in ${label(conn.source.system)} as ${p.role === 'vendor' ? 'a vendor' : 'an employee'}; allowed by the connection setting)`, r.erpId);
    } else if (r.status === 'exists') audit('partner_create', 'exists', `${r.object} ${p.code} already exists in ${label(conn.target.system)}; nothing created`);
    else audit('partner_create', 'failed', `Could not create ${p.code} "${p.name}" in ${label(conn.target.system)}: ${r.reason}`);
  }
  // New partners must be in the cache before the next validation.
  if (summary.partnersCreated > 0) await refreshReference(store, conn.id, adapters.target, actor);
  summary.message += `; ${summary.partnersCreated} missing partner(s) created in ${label(conn.target.system)}`;
  return summary;
}

/** The daily push inside a sync: never fails the sync; a failure is logged and audited and retried next run. */
export async function pushReferenceInRun(deps: PushDeps, conn: Connection, adapters: { source: SourceAdapter; target: TargetAdapter }, actor: string): Promise<void> {
  if (!adapters.source.pushReference || !isReferencePushDue(deps.store, conn.id, deps.clock.now())) return;
  try {
    await pushReferenceToSource(deps, conn, adapters, actor);
  } catch (e) {
    const message = isConnectorError(e) ? e.message : `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
    deps.logger.warn('reference push failed', { connectionId: conn.id, error: message });
    deps.store.audit.append({ connectionId: conn.id, actor, action: 'reference_push', outcome: 'failed', message: `Reference push to ${label(conn.source.system)} failed, tried again on the next sync: ${message}`, correlationId: isConnectorError(e) ? (e.correlationId ?? null) : null });
  }
}
