// Append-only audit trail. Messages are redacted on the way in; the table refuses UPDATE and DELETE.
import type { AuditAction, AuditEvent, AuditQuery } from '../../../../shared/schemas/audit';
import type { Db } from '../db';
import { redact } from '../../redact';

export interface AuditInput {
  connectionId: string | null;
  actor: string;
  action: AuditAction;
  sourceId?: string | null;
  erpId?: string | null;
  idempotencyKey?: string | null;
  outcome: string;
  message: string;
  correlationId?: string | null;
}

interface Row {
  id: number;
  at: string;
  connection_id: string | null;
  actor: string;
  action: AuditAction;
  source_id: string | null;
  erp_id: string | null;
  idempotency_key: string | null;
  outcome: string;
  message: string;
  correlation_id: string | null;
}

const toEvent = (r: Row): AuditEvent => ({
  id: r.id,
  at: r.at,
  connectionId: r.connection_id,
  actor: r.actor,
  action: r.action,
  sourceId: r.source_id,
  erpId: r.erp_id,
  idempotencyKey: r.idempotency_key,
  outcome: r.outcome,
  message: r.message,
  correlationId: r.correlation_id,
});

export function createAuditRepo(db: Db, now: () => Date) {
  const insert = db.prepare(
    `INSERT INTO audit_events (at, connection_id, actor, action, source_id, erp_id, idempotency_key, outcome, message, correlation_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    append(e: AuditInput): void {
      insert.run(now().toISOString(), e.connectionId, e.actor, e.action, e.sourceId ?? null, e.erpId ?? null, e.idempotencyKey ?? null, e.outcome, redact(e.message).slice(0, 4000), e.correlationId ?? null);
    },
    list(q: AuditQuery): AuditEvent[] {
      const where: string[] = [];
      const args: unknown[] = [];
      const add = (sql: string, v: unknown) => {
        where.push(sql);
        args.push(v);
      };
      if (q.since) add('at >= ?', q.since);
      if (q.until) add('at < ?', q.until);
      if (q.connectionId) add('connection_id = ?', q.connectionId);
      if (q.action) add('action = ?', q.action);
      if (q.outcome) add('outcome = ?', q.outcome);
      if (q.sourceId) add('source_id = ?', q.sourceId);
      if (q.erpId) add('erp_id = ?', q.erpId);
      if (q.beforeId) add('id < ?', q.beforeId);
      const sql = `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
      return (db.prepare(sql).all(...args, q.limit) as Row[]).map(toEvent);
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
