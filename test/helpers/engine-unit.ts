// Fast engine unit tests: a real store on a temp file with one saved connection ("c1", Concur -> Sage X3,
// short backoffs, MEALS and jdoe mapped), a fixed clock, and recording logger and event sink.
import { join } from 'node:path';
import type { Connection, ConnectionInput } from '../../shared/schemas/connection';
import type { SourceDocument } from '../../shared/schemas/document';
import type { MlcEvent } from '../../shared/contract/events';
import type { HoldReason } from '../../shared/schemas/posting';
import type { PostingPlan } from '../../shared/schemas/plan';
import type { SourceAdapter } from '../../main/core/adapters/types';
import type { Clock, EventSink, Logger } from '../../main/core/ports';
import type { Store } from '../../main/core/store/store';
import { openStore } from '../../main/core/store/store';
import type { PostingRow } from '../../main/core/store/repos/postings';
import { doc } from './docs';
import { tempDir } from './temp-dir';

export const NOW = new Date('2026-12-06T10:00:00Z');

/** A clock at `at` that moves only when told to (sleep advances it, so backoffs cost nothing). */
export function fixedClock(at: Date = NOW): Clock & { advance(ms: number): void; slept: number[] } {
  let t = at.getTime();
  const slept: number[] = [];
  return {
    slept,
    now: () => new Date(t),
    advance: (ms) => void (t += ms),
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
  };
}

export interface Logged {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  fields?: Record<string, unknown>;
}

export function recordingLogger(): Logger & { lines: Logged[] } {
  const lines: Logged[] = [];
  const at = (level: Logged['level']) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function recordingEvents(): EventSink & { events: MlcEvent[] } {
  const events: MlcEvent[] = [];
  return { events, emit: (e) => void events.push(e) };
}

export const connectionInput = (over: Partial<ConnectionInput> = {}): ConnectionInput =>
  ({
    id: 'c1',
    name: 'C',
    source: { system: 'concur', tokenUrl: 'http://127.0.0.1:1', clientId: 'id', grant: 'password', username: 'u', startDate: '2026-01-01', pageSize: 100, dimensionFields: {}, companyPaidPaymentTypes: [] },
    target: { system: 'sage-x3', serverUrl: 'http://127.0.0.1:1', folder: 'SEED', poolAlias: 'P', language: 'ENG', username: 'u', postingMode: 'journal', company: 'C', site: 'S', journal: 'J', entryType: 'E', journalPublicName: 'YGAS', supplierInvoicePublicName: 'YBIS', representations: { supplier: 's', account: 'a', costCenter: 'c' } },
    rules: { liabilityAccount: '421000', cardClearingAccount: '467000', personalLines: 'exclude', dateRule: 'document_date', requiredDimensions: ['costCenter'], postingModes: {}, maxDescriptionLength: 250 },
    schedule: { mode: 'manual' },
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 10, pauseAfterAuthFailures: 2 },
    concurrency: 1,
    ...over,
  }) as ConnectionInput;

export interface UnitWorld {
  store: Store;
  conn(): Connection;
  add(o?: { sourceId?: string; status?: 'pending' | 'held'; key?: string; plan?: PostingPlan | null; reasons?: HoldReason[]; doc?: SourceDocument }): PostingRow;
}

/** The store with connection c1 saved and MEALS -> 625100 (CC100), jdoe -> V-JDOE mapped. */
export function unitWorld(t: { after(fn: () => void): void }, over: Partial<ConnectionInput> = {}, now: () => Date = () => NOW): UnitWorld {
  const store = openStore(join(tempDir(t), 'x.db'), now);
  t.after(() => store.close());
  store.connections.save(connectionInput(over));
  store.mappings.upsert('c1', [{ kind: 'expense_type', sourceCode: 'MEALS', sourceName: 'Meals', target: '625100', dimensions: { costCenter: 'CC100' } }, { kind: 'employee', sourceCode: 'jdoe', sourceName: 'Jane', target: 'V-JDOE', dimensions: {} }], 'test');
  let n = 0;
  return {
    store,
    conn: () => store.connections.get('c1')!,
    add: (o = {}) => {
      const sourceId = o.sourceId ?? `R${++n}`;
      const key = o.key ?? `MLC-${sourceId.padEnd(16, 'X').slice(0, 16)}`;
      const plan = o.plan === undefined ? journalPlan(key, sourceId) : o.plan;
      return store.postings.insert({ connectionId: 'c1', doc: o.doc ?? doc({ sourceId }), key, contentHash: 'h', status: o.status ?? 'pending', plan, reasons: o.reasons ?? [], total: { amountMinor: 100, currency: 'EUR' } });
    },
  };
}

export function journalPlan(key: string, sourceId = 'R1', amountMinor = 100): PostingPlan {
  const ln = (lineNo: number, account: string, side: 'debit' | 'credit', extra: object) => ({ lineNo, sourceLineId: null, account, side, amountMinor, dimensions: {}, description: 'x', partner: null, sourceAmountMinor: null, sourceCurrency: null, sourceRate: null, transactionDate: null, ...extra });
  return {
    kind: 'journal', idempotencyKey: key, sourceSystem: 'concur', sourceKind: 'expense_report', sourceId, sourceVersion: 'v', postingDate: '2026-10-05', documentDate: '2026-10-05', currency: 'EUR', description: 'x', partner: 'V-JDOE', invoiceNumber: null, totalMinor: amountMinor, notes: [],
    lines: [ln(1, '625100', 'debit', { sourceLineId: 'L1', dimensions: { costCenter: 'CC100' } }), ln(2, '421000', 'credit', { partner: 'V-JDOE' })],
  } as PostingPlan;
}

/** A source adapter with only what a test gives it (pull yields nothing unless given). */
export const fakeSource = (over: Partial<SourceAdapter> = {}): SourceAdapter =>
  ({ system: 'concur', test: async () => [], pull: () => ({ batches: (async function* () {})(), finalCursor: () => null }), ...over }) as SourceAdapter;
