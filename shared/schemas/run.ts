// Sync runs: the summary every host prints (--json), and the progress pushed while a run goes.
import { z } from 'zod';
import { moneySchema } from './money';
import { holdReasonSchema } from './posting';

/** One document in a dry run: what would be posted, or why it would be held. */
export const previewItemSchema = z.object({
  sourceId: z.string(),
  title: z.string(),
  /** would_link: not in the outbox, but the ERP already has it under its reference; a real run links it, sends nothing. */
  outcome: z.enum(['would_post', 'would_hold', 'would_link', 'already_posted', 'already_held']),
  /** The ERP document a would_link item was found as. */
  erpId: z.string().nullable().optional(),
  total: moneySchema.nullable(),
  postingDate: z.string().nullable(),
  lines: z.array(z.object({ account: z.string(), side: z.enum(['debit', 'credit']), amountMinor: z.number().int(), dimensions: z.record(z.string(), z.string()), partner: z.string().nullable() })),
  reasons: z.array(holdReasonSchema),
  notes: z.array(z.string()),
});
export type PreviewItem = z.infer<typeof previewItemSchema>;

export const runSummarySchema = z.object({
  runId: z.string(),
  connectionId: z.string(),
  trigger: z.enum(['manual', 'schedule', 'replay', 'demo', 'webhook']),
  dryRun: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.enum(['running', 'succeeded', 'failed', 'skipped']),
  fetched: z.number().int(),
  posted: z.number().int(),
  held: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  recovered: z.number().int(),
  /** Only filled for dry runs: what would be posted. */
  wouldPost: z.number().int(),
  /** Left pending because the off-peak window closed; they post in the next window (0 in runs stored before). */
  deferred: z.number().int().default(0),
  /** Found in the ERP under their reference before the first send (posted before by another install, or before a restore): linked, not sent (0 in runs stored before). */
  linked: z.number().int().default(0),
  /** Dry runs: how many the ERP already has and a real run would link. */
  wouldLink: z.number().int().default(0),
  error: z.string().nullable(),
  preview: z.array(previewItemSchema).optional(),
  /** The ERP's reference data (accounts, dimensions, vendors) could not be refreshed; the run checked against the copy kept from before. */
  referenceRefreshError: z.string().nullable().optional(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const runProgressSchema = z.object({
  runId: z.string(),
  connectionId: z.string(),
  phase: z.enum(['reference', 'fetch', 'post', 'confirm', 'done']),
  fetched: z.number().int(),
  posted: z.number().int(),
  held: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
});
export type RunProgress = z.infer<typeof runProgressSchema>;

export const connectionStateSchema = z.object({
  connectionId: z.string(),
  name: z.string(),
  status: z.enum(['active', 'paused']),
  pausedReason: z.string().nullable(),
  running: z.boolean(),
  lastRun: runSummarySchema.nullable(),
  nextRunAt: z.string().nullable(),
  counts: z.object({ posted: z.number().int(), held: z.number().int(), failed: z.number().int() }),
  latestErrors: z.array(z.object({ at: z.string(), message: z.string() })),
});
export type ConnectionState = z.infer<typeof connectionStateSchema>;
