// The Oracle NetSuite TargetAdapter: journal entries or vendor bills written with an upsert on
// externalId = the idempotency key (PUT /record/v1/<type>/eid:K), look-ups of every key by SuiteQL on the
// transaction table before the first send and after any uncertain outcome (an upsert on a key that exists
// would update the posted document, so the engine checks first), reference data through SuiteQL paged to
// the end, reading only the features the account has (../shared/api/netsuite.md, ../shared/design/exactly-once.md).
import type { PostingPlan } from '../../../../shared/schemas/plan';
import type { ReferenceItem } from '../../../../shared/schemas/reference';
import type { NetSuiteTargetSettings } from '../../../../shared/schemas/systems/netsuite';
import { ConnectorError } from '../../errors';
import type { AdapterContext, AttachmentPort, PostOutcome, TargetAdapter, TargetCapabilities, TestStep } from '../types';
import { checkReceiptFolder, netsuiteAttachments } from './attachments';
import { createNetSuiteClient } from './client';
import { netsuiteReceiptGap } from '../../../../shared/receipt-gaps';
import { createSoapClient } from './soap-client';
import { isMissingRecordType, refusedError } from './errors';
import { errorToReasons, internalIdFromLocation } from './from-remote';
import { runNetSuiteTest } from './probe';
import { findExistingMany } from './lookup';
import { readBack } from './read-back';
import { FEATURE_KINDS, IdMaps, REF_ORDER, refQuery, refRow, toReferenceItem, type NsRefKind } from './reference';
import { NETSUITE_SYSTEM } from './schemas';
import { PERIOD_QUERY, periodRow } from './periods';
import { periodItems } from '../period-read';
import type { ErpPeriod } from '../../../../shared/schemas/period';
import { eidPath, NETSUITE_MEMO_MAX, NETSUITE_SUPPLIER_CREDIT, SUBLIST, toNetSuiteRecord, type FeatureKind, type IdLookup } from './to-remote';

const sys = { system: NETSUITE_SYSTEM };
const kindTable = (kind: NsRefKind): string => (kind === 'class' ? 'classification' : kind === 'taxCode' ? 'salestaxitem' : kind);
/** Maps older than this are re-read once before a code is called missing (a vendor added mid-run). */
const MAPS_STALE_MS = 60_000;

export function netsuiteCapabilities(): TargetCapabilities {
  return { postingKinds: ['journal', 'supplier_invoice'], dimensionTypes: ['department', 'class', 'location'], maxBatch: 1, maxDescriptionLength: NETSUITE_MEMO_MAX, supplierCredit: { document: NETSUITE_SUPPLIER_CREDIT } };
}

function lookupOf(maps: IdMaps): IdLookup {
  return {
    hasFeature: (kind: FeatureKind) => !maps.missing.has(kind),
    account: (code) => maps.get('account', code)?.id,
    vendor: (code) => maps.get('vendor', code)?.id,
    employee: (code) => maps.get('employee', code)?.id,
    currency: (iso) => maps.get('currency', iso)?.id,
    taxCode: (code) => maps.get('taxCode', code)?.id,
    subsidiary: (id) => {
      const r = maps.get('subsidiary', id);
      return r ? { active: r.active, name: r.name } : undefined;
    },
  };
}

function receiptPort(settings: NetSuiteTargetSettings, ctx: AdapterContext): { attachments: AttachmentPort; check: () => Promise<TestStep> } | { attachmentsUnsupported: string } {
  const gap = netsuiteReceiptGap(settings);
  if (gap) return { attachmentsUnsupported: gap };
  const soap = createSoapClient(settings, ctx);
  return { attachments: netsuiteAttachments(soap, settings.receiptFolderId), check: () => checkReceiptFolder(soap, settings.receiptFolderId) };
}

export function createNetSuiteTarget(settings: NetSuiteTargetSettings, ctx: AdapterContext): TargetAdapter {
  const client = createNetSuiteClient(settings, ctx);
  const receipts = receiptPort(settings, ctx);
  let maps = new IdMaps();
  let mapsAt = 0;

  /** Reads every reference type; the code → internal id maps are swapped in only once the read is complete. */
  async function* readAll(withPeriods = true): AsyncGenerator<ReferenceItem[]> {
    const fresh = new IdMaps();
    for (const kind of REF_ORDER) {
      // By keyset, not offset: a large account's vendors or employees exceed the 100,000-row offset window.
      const pages = client.suiteqlByKeyset((after) => refQuery(kind, after))[Symbol.asyncIterator]();
      let first: IteratorResult<Array<Record<string, unknown>>>;
      try {
        first = await pages.next();
      } catch (e) {
        // OneWorld, classes, departments, locations: an account without the feature has no such record type.
        if (!FEATURE_KINDS.includes(kind) || !isMissingRecordType(e, kindTable(kind))) throw e;
        fresh.missing.add(kind);
        ctx.logger.info('NetSuite account without this feature; its values are not read', { kind });
        continue;
      }
      for await (const rows of withFirst(first, pages)) {
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
    if (withPeriods) yield* periodItems(readPeriods, ctx, 'NetSuite');
  }

  async function readPeriods(): Promise<ErpPeriod[]> {
    const out: ErpPeriod[] = [];
    for await (const rows of client.suiteql(PERIOD_QUERY)) for (const row of rows) {
      const p = periodRow(row);
      if (p) out.push(p);
    }
    return out;
  }

  async function* withFirst<T>(first: IteratorResult<T>, rest: AsyncIterator<T>): AsyncGenerator<T> {
    for (let r = first; !r.done; r = await rest.next()) yield r.value;
  }

  async function reloadMaps(): Promise<void> {
    for await (const page of readAll(false)) void page;
  }

  return {
    system: 'netsuite',
    // Receipts go over SuiteTalk SOAP (File upsert + attach, attachments.ts), which takes token-based credentials
    // only: with none, or with no File Cabinet folder, each receipt says why it was not attached.
    ...('attachments' in receipts ? { attachments: receipts.attachments } : receipts),
    capabilities: netsuiteCapabilities(),

    test: () => runNetSuiteTest(settings, client, ctx.clock, 'check' in receipts ? receipts.check : undefined),

    readReference: readAll,

    async findExisting(plan: PostingPlan) {
      return (await findExistingMany(client, [plan])).get(plan.idempotencyKey) ?? null;
    },

    findExistingMany: (plans) => findExistingMany(client, plans),
    readBack: (q) => readBack(client, q, settings.accountId),

    async post(plan: PostingPlan): Promise<PostOutcome> {
      if (!maps.loaded) await reloadMaps();
      let mapped = toNetSuiteRecord(plan, settings.subsidiary, lookupOf(maps));
      if (!mapped.ok && ctx.clock.now().getTime() - mapsAt > MAPS_STALE_MS) {
        await reloadMaps();
        mapped = toNetSuiteRecord(plan, settings.subsidiary, lookupOf(maps));
      }
      if (!mapped.ok) return { status: 'rejected', reasons: mapped.reasons };
      const what = `${mapped.type} ${plan.idempotencyKey}`;
      // Upsert: a second PUT with the same external id updates the one record (its lines replaced) instead of adding
      // another, so NetSuite never refuses a repeat and there is no 'duplicate' outcome here. The update carries the
      // same plan (a changed source document is never re-sent under its key); the engine's look-up before the first
      // send (findExistingMany) keeps even that update from touching a document already posted.
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
