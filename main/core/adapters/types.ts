// The ports every source and target adapter implements. The engine knows nothing else about a system.
// Designed against all six systems (../shared/api/*.md): session vs token auth stays inside each client;
// native idempotency (Intacct uniqueid, NetSuite upsert) vs check-before-create (X3, Acumatica) is behind
// findExisting + post; batch-capable targets implement postBatch; sources that want to hear back
// (Concur FIS confirmation, Expensify export mark) implement confirm.
import type { RetryPolicy } from '../../../shared/schemas/connection';
import type { SourceDocument, SourceSystem, TargetSystem } from '../../../shared/schemas/document';
import type { PostingKind, PostingPlan } from '../../../shared/schemas/plan';
import type { HoldReason } from '../../../shared/schemas/posting';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import type { ReceiptRef, ReceiptType } from '../../../shared/schemas/receipt';
import type { Clock, HttpFetch, Logger } from '../ports';
import type { Limiter } from './limiter';

/** Encrypted per-connection secrets and adapter state (tokens, geolocation), read and written by name. */
export interface SecretAccess {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

/** Something an adapter wants in the audit trail (token refresh, geolocation change, a failing call's correlation id). */
export interface AdapterNote {
  action: 'auth' | 'fetch';
  outcome: string;
  message: string;
  correlationId?: string;
}

/** One request slot of a shared rate window: its start, and its answer time (null while in flight). */
export interface SharedRateSlot {
  startedMs: number;
  answeredMs: number | null;
}

/** Rate windows every process on one data folder shares (kept in SQLite by the store). */
export interface SharedRateWindows {
  /**
   * Atomically: drops the scope's slots that ended more than `keepMs` ago (in-flight ones count as ended
   * `staleMs` after their start), asks `delayOf` how long to wait given the rest, and when 0 records a
   * slot starting at `nowMs`.
   */
  tryTake(scope: string, nowMs: number, keepMs: number, staleMs: number, delayOf: (slots: SharedRateSlot[]) => number): { id: number } | { waitMs: number };
  /** The request of a slot got its answer (or failed) at `atMs`. */
  answer(id: number, atMs: number): void;
}

export interface AdapterContext {
  fetch: HttpFetch;
  clock: Clock;
  logger: Logger;
  secrets: SecretAccess;
  /** Caps concurrent calls to this system. */
  limiter: Limiter;
  retry: RetryPolicy;
  note(n: AdapterNote): void;
  signal?: AbortSignal;
  /** Where present, rate windows are shared with every process on the data folder (Expensify's 5 per 10 s). */
  rateWindows?: SharedRateWindows;
}

export interface TestStep {
  step: string;
  ok: boolean;
  message: string;
}

/** A pull in progress: documents arrive in batches; the cursor is only final once all were read. */
export interface SourcePull {
  batches: AsyncIterable<SourceDocument[]>;
  /** Cursor to persist after every batch was processed; null when the pull did not finish. */
  finalCursor(): string | null;
}

export interface SourceAdapter {
  readonly system: SourceSystem;
  /**
   * The source account this connection reads (Concur company UUID), for documents that do not name their
   * own tenant: part of every document's key, so every install of the same company computes the same keys.
   */
  readonly tenant?: string | null;
  /** Checks credentials and reachability step by step, saying exactly what failed. */
  test(): Promise<TestStep[]>;
  /** Reads documents ready to post that changed since `cursor` (null = from the connection's start date). */
  pull(cursor: string | null): SourcePull;
  /** Re-reads one document (replay, webhook); null when the source no longer has it ready. */
  fetchOne?(sourceId: string, meta: Record<string, string>): Promise<SourceDocument | null>;
  /**
   * Tells the source the documents of a batch are recorded locally (Concur FIS acknowledgement). Called by
   * the engine right after it committed them, never before, so a crash cannot lose an acknowledged document.
   * Safe to repeat ("already acknowledged" is success).
   */
  acknowledge?(docs: SourceDocument[]): Promise<void>;
  /**
   * Tells the source the outcome, only after the ERP post is recorded (ok) or the accountant dismissed the
   * document (not ok, with the reason). Safe to repeat. A failure here never causes a second ERP post.
   */
  confirm?(doc: { sourceId: string; meta: Record<string, string> }, outcome: ConfirmOutcome): Promise<void>;
  /** Several confirmations in one call where the source supports it (Expensify export mark); one result each. */
  confirmBatch?(items: Array<{ doc: { sourceId: string; meta: Record<string, string> }; outcome: ConfirmOutcome }>): Promise<Array<{ sourceId: string; ok: boolean; error?: string; recalled?: boolean }>>;
  /** Categories/expense types known to the source, for the mapping grid before the first sync. */
  listCategories?(): Promise<Array<{ code: string; name: string }>>;
  /**
   * Brings the source's pick lists in step with the target's reference data (dimension values to Concur
   * lists, suppliers to Concur vendors): creates what is missing, renames, deactivates what the target
   * deactivated. Idempotent: it re-reads the source first, so a second push changes nothing. Never
   * deletes what the target does not know; reports it instead (`sourceOnly`).
   */
  pushReference?(items: readonly ReferenceItem[]): Promise<ReferencePushReport>;
  /**
   * Where a receipt's bytes can be downloaded now (Concur Image v1 answers a URL valid 15 minutes), with the
   * headers to send on that first request; null when the source has no image for it.
   */
  receiptLink?(ref: ReceiptRef): Promise<{ url: string; headers?: Record<string, string> } | null>;
}

/** A receipt checked on its bytes, ready for the ERP. */
export interface ReceiptFile {
  /** File name with the extension of its real type. */
  name: string;
  bytes: Uint8Array;
  type: ReceiptType;
  mime: string;
}

/** Attaching receipts to a posted ERP document, the way the ERP documents it. */
export interface AttachmentPort {
  /**
   * The ERP's reference of a file already on the document whose name starts with `baseName` (with any
   * extension), or null: the gate before any re-send after an attempt whose answer was lost. Throws on failure.
   */
  findAttached(erpId: string, plan: PostingPlan, baseName: string): Promise<string | null>;
  /** Sends the file once; a refusal is a ConnectorError that is not retryable, a lost answer one that is uncertain. */
  attach(erpId: string, plan: PostingPlan, file: ReceiptFile): Promise<{ erpFileRef: string; where: string }>;
}

export interface ReferencePushIssue {
  kind: string;
  code: string;
  reason: string;
}

export interface ReferencePushReport {
  created: number;
  updated: number;
  deactivated: number;
  unchanged: number;
  /** Items the source cannot hold as they are (e.g. a hyphen in a Concur list code), with the reason. */
  skipped: ReferencePushIssue[];
  /** Writes that failed; the next push re-reads and tries again. */
  failed: ReferencePushIssue[];
  /** Writes left for the next push because the per-push write cap was reached. */
  deferred: number;
  /** Records the source has and the target does not (Concur vendors missing in the ERP): reported, never created silently. */
  sourceOnly: Array<{ kind: 'supplier'; code: string; name: string }>;
  /** What went where, for the audit trail ("department → Concur list …"). */
  destinations: string[];
}

/** A partner the source knows and the target lacks, offered for creation when the connection allows it. */
export interface PartnerToCreate {
  /** vendor: a source vendor record; employee: a source employee mapped to a target code that does not exist yet. */
  role: 'vendor' | 'employee';
  code: string;
  name: string;
}

export type PartnerCreateResult =
  | { code: string; status: 'created'; object: string; erpId: string }
  | { code: string; status: 'exists'; object: string }
  | { code: string; status: 'failed'; reason: string };

export type ConfirmOutcome = { ok: true; erpId: string; postingDate: string } | { ok: false; reason: string };

export interface TargetCapabilities {
  postingKinds: readonly PostingKind[];
  /** Dimension types the target validates (costCenter, department ...). */
  dimensionTypes: readonly string[];
  /** Most plans one postBatch call takes; 1 when the target has no batch writes. */
  maxBatch: number;
  /** Longest text the target's description field takes. */
  maxDescriptionLength: number;
  /**
   * Posts plans of kind 'supplier_credit' through the ERP's documented credit document (adjustments of supplier
   * invoices changed after posting). Absent: this adapter would not know one, and nothing offers it.
   */
  supplierCredit?: { document: string };
}

/** A document found in the ERP under one of a plan's keys. */
export interface ExistingDocument {
  erpId: string;
  /** The key it carries there (the plan's own key or one of its lookupKeys), where the ERP answer says. */
  key?: string;
}

/**
 * Every key a plan may carry in the ERP: its own first, then the older/twin forms. Adapters look all of them up.
 */
export const keysOf = (plan: Pick<PostingPlan, 'idempotencyKey' | 'lookupKeys'>): string[] => [plan.idempotencyKey, ...(plan.lookupKeys ?? []).filter((k) => k !== plan.idempotencyKey)];

/** A definite answer from the target. Anything uncertain is thrown as a ConnectorError with `uncertain`. */
export type PostOutcome =
  | { status: 'posted'; erpId: string; warnings: string[] }
  | { status: 'rejected'; reasons: HoldReason[] }
  /**
   * The ERP refused the document because its reference already exists there (Intacct duplicate control id or
   * reference, X3 refusing a repeated reference, Acumatica 412, NetSuite eid already used): the engine looks it
   * up and links it, never holds it as a rejection.
   */
  | { status: 'duplicate'; message: string };

/** What an instance offers for the settings form (Acumatica GET /entity). */
export interface EndpointDiscovery {
  /** The ERP build, when the instance says. */
  build: string | null;
  endpoints: Array<{ name: string; version: string }>;
  /** Whether the instance only listed them after we signed in. */
  signedIn: boolean;
}

export interface TargetAdapter {
  readonly system: TargetSystem;
  readonly capabilities: TargetCapabilities;
  test(): Promise<TestStep[]>;
  /** All reference data (accounts, suppliers, dimension values, employees), page by page. */
  readReference(): AsyncIterable<ReferenceItem[]>;
  /**
   * Looks the plan's key (and its `lookupKeys`) up in the target: the gate before any re-send after an
   * uncertain outcome, and after the ERP refused the post as a duplicate. A failed look-up throws; it never
   * answers "not found".
   */
  findExisting(plan: PostingPlan): Promise<ExistingDocument | null>;
  /**
   * The same look-up for many plans before their first send, in as few documented calls as the ERP allows
   * (one per page where it can filter on a list). Answers by `plan.idempotencyKey` for each plan found under
   * any of its keys. A failed look-up throws; the engine then sends nothing of that page.
   */
  findExistingMany?(plans: readonly PostingPlan[]): Promise<Map<string, ExistingDocument>>;
  post(plan: PostingPlan): Promise<PostOutcome>;
  /**
   * For ERPs that cannot refuse a second document with our reference (Sage X3 journals, Acumatica): every ERP
   * document carrying any key of each plan, oldest first (the ERP's own numbering order), in as few calls as
   * the ERP allows. Two installs that looked the same page up in the same second may both have posted; the
   * engine keeps the oldest and removes the newer one this install created (settleRaces).
   */
  findAllExisting?(plans: readonly PostingPlan[]): Promise<Map<string, string[]>>;
  /**
   * Removes a document this install has just created, when another install created the same document first.
   * 'kept' when the ERP does not allow it any more (released, posted); the reason is said to the accountant.
   */
  removeDuplicate?(erpId: string, plan: PostingPlan): Promise<{ removed: true } | { removed: false; reason: string }>;
  /** Several plans in one request, one outcome each (same order); an uncertain batch throws. */
  postBatch?(plans: PostingPlan[]): Promise<PostOutcome[]>;
  /** Whether the accountant allowed creating missing partners for this connection (off by default). */
  readonly createsPartners?: boolean;
  /** Creates missing vendors/employees, one result each; only called when `createsPartners` is true. */
  createPartners?(items: readonly PartnerToCreate[]): Promise<PartnerCreateResult[]>;
  /** The API endpoints/versions the instance offers (targets whose API is versioned per instance). */
  discoverEndpoints?(): Promise<EndpointDiscovery>;
  /** Receipts to the posted document, where the ERP takes attachments. */
  readonly attachments?: AttachmentPort;
  /** Why this target takes no receipts (shown on each document's receipts), when `attachments` is absent. */
  readonly attachmentsUnsupported?: string;
}

/** A month to reconcile: first and last day, YYYY-MM-DD. */
export interface PeriodRange {
  from: string;
  to: string;
}

/** One ERP document carrying one of our references, as the ERP has it now (reconciliation read-back). */
export interface ReadBackDocument {
  erpId: string;
  /** The reference it carries (MLC-… or an older form). */
  key: string;
  /** Its posting date, YYYY-MM-DD. */
  date: string | null;
  status: string | null;
  /** Debit total per currency (a balanced journal's size; a bill's total). */
  totals: Array<{ currency: string; amountMinor: number }>;
  /** Per GL account and currency. */
  accounts: Array<{ account: string; currency: string; debitMinor: number; creditMinor: number }>;
  /** The ERP's own link to the document, where it has one. */
  url: string | null;
}

export interface ReadBackResult {
  documents: ReadBackDocument[];
  /** Set when the read stopped part-way: what was read is kept, and the report is marked partial. */
  incomplete: string | null;
  /** With `incomplete`: the asked keys whose documents may sit in the part not read (not judged missing). */
  uncheckedKeys?: string[];
}

// Declaration merging keeps these reconciliation ports apart from the posting ones above.
export interface TargetAdapter {
  /**
   * Reconciliation, read-only: the documents carrying `keys` (any date) plus every document dated in `range`
   * whose reference starts with `prefix`. Never writes, never takes the writer lease.
   */
  readBack?(q: { keys: readonly string[]; range: PeriodRange; prefix: string }): Promise<ReadBackResult>;
}

export interface SourceAdapter {
  /** Reconciliation, read-only: the approved documents dated in a past period, where the source API can list them. */
  readPeriod?(range: PeriodRange): Promise<SourceDocument[]>;
  /** Why this source cannot list a past period, when it cannot (said in the reconciliation). */
  periodUnavailable?: string;
}
