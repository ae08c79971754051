// What the per-ERP adapter test wirings share: a real AdapterContext whose warn/error/info lines and notes
// are kept for assertions, and the plan-line / journal builders (each ERP only picks its own codes).
import type { RetryPolicy } from '../../shared/schemas/connection';
import type { PlanLine, PostingPlan } from '../../shared/schemas/plan';
import type { Limiter } from '../../main/core/adapters/limiter';
import type { AdapterContext, AdapterNote, SecretAccess } from '../../main/core/adapters/types';
import { silentLogger, type Clock } from '../../main/core/ports';

export interface RecordingContext {
  ctx: AdapterContext;
  notes: AdapterNote[];
  logs: string[];
}

export function recordingContext(o: { clock: Clock; secrets: SecretAccess; limiter: Limiter; retry: RetryPolicy }): RecordingContext {
  const notes: AdapterNote[] = [];
  const logs: string[] = [];
  const log = (level: string) => (msg: string, fields?: Record<string, unknown>) => void logs.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`);
  const ctx: AdapterContext = {
    fetch: globalThis.fetch,
    clock: o.clock,
    logger: { ...silentLogger, warn: log('warn'), error: log('error'), info: log('info') },
    secrets: o.secrets,
    limiter: o.limiter,
    retry: o.retry,
    note: (n) => notes.push(n),
  };
  return { ctx, notes, logs };
}

export function planLine(lineNo: number, account: string, side: 'debit' | 'credit', amountMinor: number, extra: Partial<PlanLine> = {}): PlanLine {
  return { lineNo, sourceLineId: `src-${lineNo}`, account, side, amountMinor, dimensions: {}, description: `Line ${lineNo}`, partner: null, sourceAmountMinor: null, sourceCurrency: null, sourceRate: null, transactionDate: null, ...extra };
}

export type PlanDefaults = Pick<PostingPlan, 'idempotencyKey' | 'sourceId' | 'postingDate' | 'documentDate' | 'currency' | 'description' | 'partner' | 'lines'>;

/** A Concur expense-report journal from an ERP's defaults; the total is the debit side of the lines used. */
export function buildPlan(d: PlanDefaults, overrides: Partial<PostingPlan>): PostingPlan {
  const lines = overrides.lines ?? d.lines;
  return {
    kind: 'journal',
    idempotencyKey: d.idempotencyKey,
    sourceSystem: 'concur',
    sourceKind: 'expense_report',
    sourceId: d.sourceId,
    sourceVersion: '1',
    postingDate: d.postingDate,
    documentDate: d.documentDate,
    currency: d.currency,
    description: d.description,
    partner: d.partner,
    invoiceNumber: null,
    lines,
    totalMinor: lines.filter((l) => l.side === 'debit').reduce((s, l) => s + l.amountMinor, 0),
    notes: [],
    ...overrides,
  };
}
