// The Oracle NetSuite TargetAdapter: journal entries or vendor bills written with an upsert on
// externalId = the idempotency key (PUT /record/v1/<type>/eid:K), look-up by that external id after any
// uncertain outcome, reference data through SuiteQL paged to the end (../shared/api/netsuite.md,
// ../shared/design/exactly-once.md).
import type { PostingPlan } from '../../../../shared/schemas/plan';
import type { ReferenceItem } from '../../../../shared/schemas/reference';
import type { NetSuiteTargetSettings } from '../../../../shared/schemas/systems/netsuite';
import { ConnectorError } from '../../errors';
import type { AdapterContext, PostOutcome, TargetAdapter, TargetCapabilities } from '../types';
import { createNetSuiteClient } from './client';
import { refusedError } from './errors';
import { errorToReasons, internalIdFromLocation } from './from-remote';
import { runNetSuiteTest } from './probe';
import { IdMaps, REF_ORDER, refQuery, refRow, toReferenceItem } from './reference';
import { NETSUITE_SYSTEM, recordIdSchema } from './schemas';
import { eidPath, NETSUITE_MEMO_MAX, recordTypeFor, SUBLIST, toNetSuiteRecord, type IdLookup } from './to-remote';

const sys = { system: NETSUITE_SYSTEM };
/** Maps older than this are re-read once before a code is called missing (a vendor added mid-run). */
const MAPS_STALE_MS = 60_000;

export function netsuiteCapabilities(): TargetCapabilities {
  return { postingKinds: ['journal', 'supplier_invoice'], dimensionTypes: ['department', 'class', 'location'], maxBatch: 1, maxDescriptionLength: NETSUITE_MEMO_MAX };
}

function lookupOf(maps: IdMaps): IdLookup {
  return {
    account: (code) => maps.get('account', code)?.id,
    vendor: (code) => maps.get('vendor', code)?.id,
    employee: (code) => maps.get('employee', code)?.id,
    currency: (iso) => maps.get('currency', iso)?.id,
    subsidiary: (id) => {
      const r = maps.get('subsidiary', id);
      return r ? { active: r.active, name: r.name } : undefined;
    },
  };
}

export function createNetSuiteTarget(settings: NetSuiteTargetSettings, ctx: AdapterContext): TargetAdapter {
  const client = createNetSuiteClient(settings, ctx);
  let maps = new IdMaps();
  let mapsAt = 0;

  /** Reads every reference type; the code → internal id maps are swapped in only once the read is complete. */
  async function* readAll(): AsyncGenerator<ReferenceItem[]> {
    const fresh = new IdMaps();
    for (const kind of REF_ORDER) {
      // By keyset, not offset: a large account's vendors or employees exceed the 100,000-row offset window.
      for await (const rows of client.suiteqlByKeyset((after) => refQuery(kind, after))) {
        const items: ReferenceItem[] = [];
        for (const row of rows) {
          const r = refRow(kind, row);
          if (!r) continue;
          fresh.add(kind, r);
          const item = toReferenceItem(kind, r);
          if (item) items.push(item);
        }
        if (items.length) yield items;
      }
    }
    fresh.loaded = true;
    maps = fresh;
    mapsAt = ctx.clock.now().getTime();
  }

  async function reloadMaps(): Promise<void> {
    for await (const page of readAll()) void page;
  }

  return {
    system: 'netsuite',
    capabilities: netsuiteCapabilities(),

    test: () => runNetSuiteTest(settings, client, ctx.clock),

    readReference: readAll,

    async findExisting(plan: PostingPlan) {
      const type = recordTypeFor(plan);
      const a = await client.call({ method: 'GET', path: eidPath(type, plan.idempotencyKey), write: false });
      if (a.status === 404 && a.error) return null;
      if (a.status !== 200) throw refusedError(`the look-up of ${type} ${plan.idempotencyKey}`, a.status, a.error, a.text);
      let id: string;
      try {
        id = recordIdSchema.parse(JSON.parse(a.text)).id;
      } catch {
        throw new ConnectorError('REMOTE_PROTOCOL', `NetSuite answered the look-up of ${type} ${plan.idempotencyKey} without an internal id`, { ...sys, retryable: true });
      }
      return { erpId: id };
    },

    async post(plan: PostingPlan): Promise<PostOutcome> {
      if (!maps.loaded) await reloadMaps();
      let mapped = toNetSuiteRecord(plan, settings.subsidiary, lookupOf(maps));
      if (!mapped.ok && ctx.clock.now().getTime() - mapsAt > MAPS_STALE_MS) {
        await reloadMaps();
        mapped = toNetSuiteRecord(plan, settings.subsidiary, lookupOf(maps));
      }
      if (!mapped.ok) return { status: 'rejected', reasons: mapped.reasons };
      const what = `${mapped.type} ${plan.idempotencyKey}`;
      // Upsert: a second PUT with the same external id updates the one record (its lines replaced) instead of adding another.
      const a = await client.call({ method: 'PUT', path: eidPath(mapped.type, plan.idempotencyKey), query: { replace: SUBLIST[mapped.type] }, body: mapped.body, write: true });
      if (a.status >= 200 && a.status < 300) {
        const erpId = internalIdFromLocation(a.headers.get('location'));
        if (!erpId) throw new ConnectorError('REMOTE_PROTOCOL', `NetSuite accepted ${what} (HTTP ${a.status}) but named no record in its Location header; looking it up by external id`, { ...sys, retryable: true, uncertain: true });
        return { status: 'posted', erpId, warnings: [] };
      }
      if (a.status === 404 && !a.error) throw refusedError(`the upsert of ${what}`, a.status, a.error, a.text);
      return { status: 'rejected', reasons: errorToReasons(a.error, plan, a.status, a.text) };
    },
  };
}
