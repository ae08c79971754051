// The Acumatica TargetAdapter: AP bills (VendorRef = the vendor's invoice number) or GL journal transactions,
// the key opening the Description (keys.ts). Keys are looked up with one `or`-ed $filter per page before the
// first send; each create is an insert-only PUT (If-None-Match: *) whose $filter names the key, so a record
// already there answers 412 = "duplicate" for the engine to link (VendorRef uniqueness is a customer
// setting: never relied on); 422 field errors become hold reasons; optional bill release; vendors,
// accounts, subaccounts and branches read page by page ($top/$skip). See ../shared/api/acumatica.md.
import type { PostingPlan } from '../../../../shared/schemas/plan';
import type { ReferenceItem } from '../../../../shared/schemas/reference';
import type { AcumaticaTargetSettings } from '../../../../shared/schemas/systems/acumatica';
import { ConnectorError, isConnectorError } from '../../errors';
import { keysOf, type AdapterContext, type ExistingDocument, type PostOutcome, type TargetAdapter, type TargetCapabilities } from '../types';
import { createAcumaticaClient, type AcumaticaClient } from './client';
import { discoverEndpoints } from './discover';
import { httpErrorText } from './errors';
import { duplicateVendorRef, erpIdOf, errorsToReasons, rowsToReference, type AcuRefKind } from './from-remote';
import { byEntity, keyChunks, keyOfRow, keysFilter, lookupSelect, numberOfRow } from './keys';
import { runAcumaticaTest } from './probe';
import { readBack } from './read-back';
import { releaseBill } from './release';
import { ACUMATICA_SYSTEM, type AcuEntity } from './schemas';
import { PERIOD_QUERY, yearsToPeriods } from './periods';
import { periodItems } from '../period-read';
import { ACUMATICA_DESCRIPTION_MAX, entityBody, entityFor } from './to-remote';

import { acumaticaAttachments } from './attachments';

const sys = { system: ACUMATICA_SYSTEM };
const MAX_PAGES = 10_000;

/** What each reference kind reads. Branches have no entity of their own: they are the Ledger's Branches detail. */
const REF_QUERIES: Array<{ kind: AcuRefKind; entity: string; query: Record<string, string> }> = [
  { kind: 'vendor', entity: 'Vendor', query: { $select: 'VendorID,VendorName,Status' } },
  { kind: 'account', entity: 'Account', query: { $select: 'AccountCD,Description,Active' } },
  { kind: 'subaccount', entity: 'Subaccount', query: { $select: 'SubaccountCD,Description,Active' } },
  { kind: 'branch', entity: 'Ledger', query: { $expand: 'Branches' } },
  { kind: 'tax', entity: 'Tax', query: { $select: 'TaxID,Description,TaxDisabled' } },
];

export function acumaticaCapabilities(): TargetCapabilities {
  return { postingKinds: ['journal', 'supplier_invoice'], dimensionTypes: ['branch', 'subaccount'], maxBatch: 1, maxDescriptionLength: ACUMATICA_DESCRIPTION_MAX };
}

/**
 * The records carrying any key of the plans: one `or`-ed $filter request per entity and chunk of keys
 * (a page of 40 plans = 1 request). Answers by plan key; a failed request throws (the client's errors).
 */
async function lookUpMany(client: AcumaticaClient, ctx: AdapterContext, plans: readonly PostingPlan[]): Promise<Map<string, ExistingDocument>> {
  const found = new Map<string, ExistingDocument>();
  for (const [entity, group] of byEntity(plans)) {
    const byKey = new Map<string, string[]>();
    for (const chunk of keyChunks(group)) {
      const wanted = new Set(chunk);
      const rows = await client.list(entity, { $filter: keysFilter(entity, chunk), $select: lookupSelect(entity) });
      for (const row of rows) {
        const key = keyOfRow(row, entity, wanted);
        const id = numberOfRow(row, entity);
        if (key && id) byKey.set(key, [...(byKey.get(key) ?? []), id]);
      }
    }
    for (const plan of group) {
      const key = keysOf(plan).find((k) => byKey.has(k));
      if (!key) continue;
      const ids = byKey.get(key)!;
      if (ids.length > 1) ctx.logger.warn('Acumatica holds several records with the same key', { key, ids });
      found.set(plan.idempotencyKey, { erpId: ids[0]!, key });
    }
  }
  return found;
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
    attachments: acumaticaAttachments(client),

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
        yield* periodItems(async () => {
          const years: AcuEntity[] = [];
          for await (const rows of pages(PERIOD_QUERY.entity, { ...PERIOD_QUERY.query })) years.push(...rows);
          return yearsToPeriods(years);
        }, ctx, 'Acumatica');
      } finally {
        await client.auth.release();
      }
    },

    async findExisting(plan) {
      const found = await client.withSession(() => lookUpMany(client, ctx, [plan]));
      return found.get(plan.idempotencyKey) ?? null;
    },

    findExistingMany: (plans) => client.withSession(() => lookUpMany(client, ctx, plans)),
    readBack: (q) => readBack(client, settings.siteUrl.replace(/\/+$/, ''), q),

    async post(plan): Promise<PostOutcome> {
      const prepared = bodyOrReasons(plan, settings);
      if ('rejected' in prepared) return prepared.rejected;
      return client.withSession(async () => {
        // Insert only where nothing carries the key yet: the $filter names the record, If-None-Match: * refuses it with 412.
        const entity = entityFor(plan);
        const answer = await client.put(entity, prepared.body, { $filter: keysFilter(entity, keysOf(plan)), $expand: 'Details' });
        if (answer.status === 412) return { status: 'duplicate', message: `Acumatica already has a ${entity === 'Bill' ? 'bill' : 'journal transaction'} carrying ${plan.idempotencyKey} (HTTP 412 on an insert-only PUT)` };
        const refused = answer.status === 422 && answer.entity ? duplicateVendorRef(answer.entity) : null;
        if (refused) return { status: 'duplicate', message: `Acumatica refused a repeated vendor reference: ${refused}` };
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
