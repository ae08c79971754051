// Append-only audit rows: who did what to which document, and what the ERP called it.
import { z } from 'zod';

export const AUDIT_ACTIONS = [
  'fetch',
  'plan',
  'post',
  'hold',
  'fail',
  'replay',
  'dismiss',
  'recover',
  'confirm',
  'changed_after_posting',
  'mapping_change',
  'reference_refresh',
  'reference_push',
  'partner_missing',
  'partner_create',
  'connection_change',
  'sync_start',
  'sync_finish',
  'auth',
  'store',
  'redate',
  /** A receipt attached to the ERP document, failed (with the reason) or skipped (with the reason). */
  'receipt',
  'change_adjust',
  'change_accept',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  connectionId: z.string().nullable(),
  actor: z.string(),
  action: auditActionSchema,
  sourceId: z.string().nullable(),
  erpId: z.string().nullable(),
  idempotencyKey: z.string().nullable(),
  outcome: z.string(),
  message: z.string(),
  correlationId: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditQuerySchema = z.object({
  since: z.string().optional(),
  until: z.string().optional(),
  connectionId: z.string().optional(),
  action: auditActionSchema.optional(),
  outcome: z.string().optional(),
  sourceId: z.string().optional(),
  erpId: z.string().optional(),
  limit: z.number().int().positive().max(100000).default(500),
  beforeId: z.number().int().optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
