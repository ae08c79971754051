// Connections (settings as validated JSON) and their encrypted credentials.
import type { Connection, ConnectionInput } from '../../../../shared/schemas/connection';
import { connectionInputSchema } from '../../../../shared/schemas/connection';
import type { Db } from '../db';

interface Row {
  id: string;
  name: string;
  config_json: string;
  status: 'active' | 'paused';
  paused_reason: string | null;
  auth_failures: number;
  created_at: string;
  updated_at: string;
}

export function createConnectionRepo(db: Db, now: () => Date) {
  const secretNames = db.prepare('SELECT name FROM credentials WHERE connection_id = ? ORDER BY name');
  const toConnection = (r: Row): Connection => ({
    ...connectionInputSchema.parse(JSON.parse(r.config_json)),
    status: r.status,
    pausedReason: r.paused_reason,
    secretNames: (secretNames.all(r.id) as Array<{ name: string }>).map((s) => s.name),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
  const one = db.prepare('SELECT * FROM connections WHERE id = ?');
  return {
    list(): Connection[] {
      return (db.prepare('SELECT * FROM connections ORDER BY created_at, id').all() as Row[]).map(toConnection);
    },
    get(id: string): Connection | null {
      const r = one.get(id) as Row | undefined;
      return r ? toConnection(r) : null;
    },
    save(input: ConnectionInput): { created: boolean } {
      const at = now().toISOString();
      const res = db
        .prepare(
          `INSERT INTO connections (id, name, config_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, config_json = excluded.config_json, updated_at = excluded.updated_at
           RETURNING created_at = updated_at AS created`,
        )
        .get(input.id, input.name, JSON.stringify(input), at, at) as { created: number };
      return { created: res.created === 1 };
    },
    setStatus(id: string, status: 'active' | 'paused', reason: string | null): void {
      db.prepare('UPDATE connections SET status = ?, paused_reason = ?, auth_failures = CASE WHEN ? = \'active\' THEN 0 ELSE auth_failures END, updated_at = ? WHERE id = ?').run(status, reason, status, now().toISOString(), id);
    },
    /** Counts consecutive authentication failures; returns the new count. */
    bumpAuthFailures(id: string): number {
      return (db.prepare('UPDATE connections SET auth_failures = auth_failures + 1 WHERE id = ? RETURNING auth_failures').get(id) as { auth_failures: number }).auth_failures;
    },
    resetAuthFailures(id: string): void {
      db.prepare('UPDATE connections SET auth_failures = 0 WHERE id = ?').run(id);
    },
    getSecretEnvelope(id: string, name: string): string | null {
      return (db.prepare('SELECT envelope FROM credentials WHERE connection_id = ? AND name = ?').get(id, name) as { envelope: string } | undefined)?.envelope ?? null;
    },
    putSecretEnvelope(id: string, name: string, envelope: string): void {
      db.prepare(
        `INSERT INTO credentials (connection_id, name, envelope, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (connection_id, name) DO UPDATE SET envelope = excluded.envelope, updated_at = excluded.updated_at`,
      ).run(id, name, envelope, now().toISOString());
    },
    /** Every stored envelope with its place, for re-sealing older envelope versions. */
    listSecretEnvelopes(): Array<{ connectionId: string; name: string; envelope: string }> {
      return db.prepare('SELECT connection_id AS connectionId, name, envelope FROM credentials ORDER BY connection_id, name').all() as Array<{ connectionId: string; name: string; envelope: string }>;
    },
    deleteSecret(id: string, name: string): void {
      db.prepare('DELETE FROM credentials WHERE connection_id = ? AND name = ?').run(id, name);
    },
  };
}
export type ConnectionRepo = ReturnType<typeof createConnectionRepo>;
