// The one validated contract: every method the UI, the HTTP bridge and the CLI may call.
import { z } from 'zod';
import { auditEventSchema, auditQuerySchema } from '../schemas/audit';
import { connectionInputSchema, connectionSchema } from '../schemas/connection';
import { mappingKindSchema, mappingRowSchema, mappingSchema } from '../schemas/mapping';
import { holdCodeSchema, postingDetailSchema, postingStatusSchema, postingSummarySchema } from '../schemas/posting';
import { referenceItemSchema, referenceKindSchema, referencePushSummarySchema } from '../schemas/reference';
import { connectionStateSchema, runSummarySchema } from '../schemas/run';
import { acumaticaTargetSchema } from '../schemas/systems/acumatica';
import { adjustModeSchema, changeDetailSchema, changeStatusSchema, changeSummarySchema } from '../schemas/change';
import { periodAmountsSchema, reconciliationSchema } from '../schemas/reconcile';

const connectionRef = z.object({ connectionId: z.string().min(1) });
const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

/** Draft Acumatica settings of a connection not saved yet; the endpoint fields are what is looked for, so loose. */
const acumaticaDraftSchema = acumaticaTargetSchema.extend({ endpointName: z.string().default('Default'), endpointVersion: z.string().default('') });
const discoverInput = z
  .object({ connectionId: z.string().min(1).optional(), target: acumaticaDraftSchema.optional() })
  .refine((i) => i.connectionId !== undefined || i.target !== undefined, { message: 'give a connectionId or draft target settings' });
const discoveryOutput = z.object({ build: z.string().nullable(), endpoints: z.array(z.object({ name: z.string(), version: z.string() })), signedIn: z.boolean() });

/** The database's origin and who holds the data folder's writer lease (see main/core/store). */
const storeInfoSchema = z.object({
  origin: z.enum(['new', 'restored', 'existing']),
  storeId: z.string(),
  createdAt: z.string(),
  restoredAt: z.string().nullable(),
  restoredFrom: z.string().nullable(),
  missingBefore: z.string().nullable(),
  writer: z.object({ owner: z.string(), activity: z.string(), host: z.string(), pid: z.number().int(), startedAt: z.string(), heartbeatAt: z.string() }).nullable(),
  backups: z.array(z.string()),
});

const testStepSchema = z.object({ step: z.string(), ok: z.boolean(), message: z.string() });

/** Domain tags: queries list what they read, mutations what they change, so caches invalidate by tag. */
export type Tag = 'connections' | 'postings' | 'mappings' | 'reference' | 'audit' | 'runs';

interface MethodDef<I extends z.ZodType, O extends z.ZodType> {
  kind: 'query' | 'mutation';
  input: I;
  output: O;
  tags: readonly Tag[];
}
const query = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, tags: readonly Tag[]): MethodDef<I, O> => ({ kind: 'query', input, output, tags });
const mutation = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, tags: readonly Tag[]): MethodDef<I, O> => ({ kind: 'mutation', input, output, tags });

export const methods = {
  'connections.list': query(empty, z.array(connectionSchema), ['connections']),
  'connections.save': mutation(connectionInputSchema, connectionSchema, ['connections', 'audit']),
  'connections.setSecret': mutation(connectionRef.extend({ name: z.string().min(1), value: z.string().min(1).max(10_000) }), ok, ['connections', 'audit']),
  /** Tests the saved settings, or with `draft` the settings as typed in the form (not saved), with the stored secrets. */
  'connections.test': mutation(connectionRef.extend({ draft: connectionInputSchema.optional() }), z.object({ ok: z.boolean(), steps: z.array(testStepSchema) }), ['connections']),
  /** The endpoint name/version pairs the target instance offers (Acumatica GET /entity), for the settings form. */
  'connections.discoverEndpoints': mutation(discoverInput, discoveryOutput, []),
  /**
   * Acumatica browser sign-in: opens a one-shot listener on 127.0.0.1 and answers the URL to open; the outcome
   * (refresh token stored, or why not) lands in the audit trail. port 0 = any free port (Acumatica needs the
   * registered redirect URI exactly, so a fixed port is the usual choice).
   */
  'connections.authorize': mutation(
    connectionRef.extend({ port: z.number().int().min(0).max(65535).default(0), timeoutMs: z.number().int().min(1000).max(3_600_000).default(300_000) }),
    z.object({ authorizeUrl: z.string(), redirectUri: z.string(), expiresAt: z.string() }),
    ['connections', 'audit'],
  ),
  'connections.resume': mutation(connectionRef, ok, ['connections', 'audit']),
  'connections.states': query(empty, z.array(connectionStateSchema), ['connections', 'runs', 'postings']),
  'sync.run': mutation(connectionRef.extend({ dryRun: z.boolean().default(false) }), runSummarySchema, ['postings', 'runs', 'audit', 'mappings', 'reference']),
  'postings.list': query(
    z.object({ connectionId: z.string().optional(), status: postingStatusSchema.optional(), code: holdCodeSchema.optional(), search: z.string().optional(), limit: z.number().int().positive().max(100_000).default(1000) }),
    z.array(postingSummarySchema),
    ['postings'],
  ),
  'postings.get': query(z.object({ id: z.number().int() }), postingDetailSchema, ['postings']),
  'held.replay': mutation(z.object({ ids: z.array(z.number().int()).optional(), connectionId: z.string().optional(), all: z.boolean().default(false) }), z.array(postingSummarySchema), ['postings', 'audit', 'runs']),
  'held.dismiss': mutation(z.object({ id: z.number().int(), reason: z.string().min(3).max(1000) }), postingSummarySchema, ['postings', 'audit']),
  /** A new posting date for a held/failed post (its period is closed); the next replay uses it, the key stays. */
  'held.redate': mutation(z.object({ id: z.number().int(), date: z.string().min(1).max(40) }), postingSummarySchema, ['postings', 'audit']),
  'mappings.list': query(connectionRef.extend({ kind: mappingKindSchema.optional() }), z.array(mappingRowSchema), ['mappings']),
  'mappings.upsert': mutation(connectionRef.extend({ rows: z.array(mappingSchema).min(1).max(50_000) }), z.object({ changed: z.number().int() }), ['mappings', 'audit']),
  'mappings.delete': mutation(connectionRef.extend({ kind: mappingKindSchema, sourceCode: z.string() }), ok, ['mappings', 'audit']),
  /** Many rows at once (undoing an import), in one transaction and one audit line. */
  'mappings.deleteMany': mutation(connectionRef.extend({ rows: z.array(z.object({ kind: mappingKindSchema, sourceCode: z.string() })).max(100_000) }), z.object({ deleted: z.number().int() }), ['mappings', 'audit']),
  /** preview: count what would change, write nothing. */
  'mappings.importCsv': mutation(connectionRef.extend({ csv: z.string().max(50_000_000), preview: z.boolean().optional() }), z.object({ changed: z.number().int(), rows: z.number().int() }), ['mappings', 'audit']),
  /** separator: the list separator of the PC's Excel (";" where the decimal separator is a comma); default ",". */
  'mappings.exportCsv': query(connectionRef.extend({ separator: z.enum([',', ';', '\t']).optional() }), z.object({ csv: z.string() }), ['mappings']),
  'reference.refresh': mutation(connectionRef, z.object({ counts: z.record(z.string(), z.number().int()) }), ['reference', 'audit']),
  /** On demand: refresh from the target, then push dimension values / suppliers to the source (Concur lists, vendors). */
  'reference.push': mutation(connectionRef, referencePushSummarySchema, ['reference', 'audit', 'mappings']),
  'reference.list': query(connectionRef.extend({ kind: referenceKindSchema.optional(), search: z.string().optional() }), z.array(referenceItemSchema), ['reference']),
  'store.info': query(empty, storeInfoSchema, []),
  /** A consistent copy of the live database (SQLite online backup) in <data-dir>/backups/manual-<time>.db. */
  'store.backup': mutation(empty, z.object({ path: z.string(), bytes: z.number().int() }), []),
  'audit.list': query(auditQuerySchema, z.array(auditEventSchema), ['audit']),
  'audit.export': query(auditQuerySchema.extend({ format: z.enum(['csv', 'json']) }), z.object({ content: z.string() }), ['audit']),
  /** The held rows with these ids as an .xlsx workbook (base64): amounts are numbers in their currency's format. */
  'held.exportXlsx': query(z.object({ ids: z.array(z.number().int()).max(100_000) }), z.object({ base64: z.string() }), ['postings']),
  /** The mappings as an .xlsx workbook (base64), the same columns as the CSV export. */
  'mappings.exportXlsx': query(connectionRef, z.object({ base64: z.string() }), ['mappings']),
  /** An .xlsx mapping file (base64, first sheet, CSV columns): checked, previewed and written exactly as mappings.importCsv. */
  'mappings.importXlsx': mutation(connectionRef.extend({ base64: z.string().max(70_000_000), preview: z.boolean().optional() }), z.object({ changed: z.number().int(), rows: z.number().int() }), ['mappings', 'audit']),
  /** Documents changed at the source after they were posted; status 'unresolved' = open or being adjusted. */
  'changes.list': query(z.object({ connectionId: z.string().optional(), status: z.union([changeStatusSchema, z.literal('unresolved')]).optional(), limit: z.number().int().positive().max(100_000).default(1000) }), z.array(changeSummarySchema), ['postings']),
  'changes.get': query(z.object({ id: z.number().int() }), changeDetailSchema, ['postings']),
  /** Unresolved changes per connection and currency with the totals before and after (nav badge, dashboard). */
  'changes.counts': query(empty, z.array(z.object({ connectionId: z.string(), currency: z.string().nullable(), count: z.number().int(), beforeMinor: z.number().int(), afterMinor: z.number().int() })), ['postings']),
  /** Posts the adjustment (mode omitted = the connection's setting); run again to resume one left half-way. */
  'changes.adjust': mutation(z.object({ id: z.number().int(), mode: adjustModeSchema.optional() }), changeSummarySchema, ['postings', 'audit']),
  'changes.accept': mutation(z.object({ id: z.number().int(), reason: z.string().trim().min(3).max(1000) }), changeSummarySchema, ['postings', 'audit']),
  /** Read-only month-end reconciliation (source / outbox / ERP per connection); writes nothing anywhere. */
  'reconcile.run': query(z.object({ period: z.string(), connectionId: z.string().min(1).optional() }), reconciliationSchema, ['postings']),
  /** This month's (or `period`'s) posted and held amounts per currency per connection. */
  'dashboard.amounts': query(z.object({ period: z.string().optional() }), periodAmountsSchema, ['postings']),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
