// The Acumatica TargetAdapter: AP bills (VendorRef = key) or GL journal transactions (Description = key)
// created with PUT, each create preceded by a $filter look-up of the key so a record that is already
// there is recorded, not posted again (VendorRef uniqueness is a customer setting: never relied on);
// 422 field errors become hold reasons; optional bill release; vendors, accounts, subaccounts and
// branches read page by page ($top/$skip). See ../shared/api/acumatica.md.
import type { PostingPlan } from '../../../../shared/schemas/plan';
import type { ReferenceItem } from '../../../../shared/schemas/reference';
import type { AcumaticaTargetSettings } from '../../../../shared/schemas/systems/acumatica';
import { ConnectorError, isConnectorError } from '../../errors';
import type { AdapterContext, PostOutcome, TargetAdapter, TargetCapabilities } from '../types';
import { createAcumaticaClient, type AcumaticaClient } from './client';
import { discoverEndpoints } from './discover';
import { httpErrorText } from './errors';
import { erpIdOf, errorsToReasons, matchingIds, rowsToReference, type AcuRefKind } from './from-remote';
import { runAcumaticaTest } from './probe';
import { releaseBill } from './release';
import { ACUMATICA_SYSTEM, type AcuEntity } from './schemas';
import { ACUMATICA_DESCRIPTION_MAX, entityBody, entityFor, keyFilter, keySelect } from './to-remote';

const sys = { system: ACUMATICA_SYSTEM };
const MAX_PAGES = 10_000;

/** What each reference kind reads. Branches have no entity of their own: they are the Ledger's Branches detail. */
const REF_QUERIES: Array<{ kind: AcuRefKind; entity: string; query: Record<string, string> }> = [
  { kind: 'vendor', entity: 'Vendor', query: { $select: 'VendorID,VendorName,Status' } },
  { kind: 'account', entity: 'Account', query: { $select: 'AccountCD,Description,Active' } },
  { kind: 'subaccount', entity: 'Subaccount', query: { $select: 'SubaccountCD,Description,Active' } },
  { kind: 'branch', entity: 'Ledger', query: { $expand: 'Branches' } },
];

export function acumaticaCapabilities(): TargetCapabilities {
  return { postingKinds: ['journal', 'supplier_invoice'], dimensionTypes: ['branch', 'subaccount'], maxBatch: 1, maxDescriptionLength: ACUMATICA_DESCRIPTION_MAX };
}

/** The record carrying the plan's key, if Acumatica has one (several = someone posted twice by hand: warn). */
async function lookUp(client: AcumaticaClient, ctx: AdapterContext, plan: PostingPlan): Promise<string | null> {
  const rows = await client.list(entityFor(plan), { $filter: keyFilter(plan), $select: keySelect(plan) });
  const found = matchingIds(rows, plan);
  if (found.length > 1) ctx.logger.warn('Acumatica holds several records with the same key', { key: plan.idempotencyKey, ids: found });
  return found[0] ?? null;
}

/** A plan our mappers cannot express exactly (an amount that is not an exact JSON number) is held, not sent. */
function bodyOrReasons(plan: PostingPlan, settings: AcumaticaTargetSettings): { body: AcuEntity } | { rejected: PostOutcome } {
  try {
    return { body: entityBody(plan, settings) };
  } catch (e) {
    if (!isConnectorError(e) || e.code !== 'VALIDATION_REJECTED') throw e;
    return { rejected: { status: 'rejected', reasons: [{ code: /amount/i.test(e.message) ? 'INVALID_AMOUNT' : 'ERP_REJECTED', message: e.message }] } };
  }
}

export function createAcumaticaTarget(settings: AcumaticaTargetSettings, ctx: AdapterContext): TargetAdapter {
  const client = createAcumaticaClient(settings, ctx);

  async function* pages(entity: string, query: Record<string, string>): AsyncGenerator<AcuEntity[]> {
    for (let page = 0; page < MAX_PAGES; page++) {
      const rows = await client.list(entity, { ...query, $top: settings.pageSize, $skip: page * settings.pageSize });
      if (rows.length) yield rows;
      if (rows.length < settings.pageSize) return;
    }
  }

  return {
    system: 'acumatica',
    capabilities: acumaticaCapabilities(),

    test: () => runAcumaticaTest(settings, client),

    discoverEndpoints: () => discoverEndpoints(settings, ctx, client),

    async *readReference(): AsyncGenerator<ReferenceItem[]> {
      // One session for the whole read; released (and the cookie session closed) however the consumer stops.
      await client.auth.acquire();
      try {
        const branches = new Set<string>();
        for (const q of REF_QUERIES) {
          for await (const rows of pages(q.entity, q.query)) {
            // The same branch sits in several ledgers: each once.
            const items = rowsToReference(q.kind, rows).filter((i) => q.kind !== 'branch' || !branches.has(i.code));
            if (q.kind === 'branch') for (const i of items) branches.add(i.code);
            if (items.length) yield items;
          }
        }
      } finally {
        await client.auth.release();
      }
    },

    async findExisting(plan) {
      const erpId = await client.withSession(() => lookUp(client, ctx, plan));
      return erpId ? { erpId } : null;
    },

    async post(plan): Promise<PostOutcome> {
      const prepared = bodyOrReasons(plan, settings);
      if ('rejected' in prepared) return prepared.rejected;
      return client.withSession(async () => {
        // Check before every create: a record already carrying the key is recorded, never created twice.
        const existing = await lookUp(client, ctx, plan);
        if (existing) return { status: 'posted', erpId: existing, warnings: [`Already in Acumatica as ${existing}; not created again`] };
        const answer = await client.put(entityFor(plan), prepared.body, { $expand: 'Details' });
        if (answer.status === 422 && answer.entity) return { status: 'rejected', reasons: errorsToReasons(answer.entity, plan) };
        if (answer.status === 400 || answer.status === 422) {
          return { status: 'rejected', reasons: [{ code: 'ERP_REJECTED', message: `Acumatica refused the ${plan.kind === 'supplier_invoice' ? 'bill' : 'journal transaction'}: ${httpErrorText(answer.text) || `HTTP ${answer.status}`}` }] };
        }
        if (answer.status >= 300) throw new ConnectorError('REMOTE_PROTOCOL', `Acumatica answered HTTP ${answer.status} to the create${answer.text ? `: ${httpErrorText(answer.text)}` : ''}`, { ...sys, httpStatus: answer.status, retryable: false });
        const erpId = answer.entity ? erpIdOf(answer.entity, plan) : '';
        // Accepted without a reference number: it may exist now; the outbox looks it up before anything else.
        if (!erpId) throw new ConnectorError('REMOTE_PROTOCOL', `Acumatica accepted ${plan.idempotencyKey} but returned no reference number`, { ...sys, retryable: true, uncertain: true });
        const warnings = plan.kind === 'supplier_invoice' && settings.releaseBills ? await releaseBill(client, settings, ctx, erpId) : [];
        return { status: 'posted', erpId, warnings };
      });
    },
  };
}
