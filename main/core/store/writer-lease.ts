// One writer per data folder: a lease row in the database names the process allowed to post, replay, dismiss or
// import, with its host, pid and a heartbeat. Another process waits a bounded time, then is told who holds it.
// A lease whose heartbeat is older than the bound, or whose process on this host is gone, is taken over (audited).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ConnectorError } from '../errors';
import type { Db } from './db';

export interface LeaseHolder {
  owner: string;
  activity: string;
  host: string;
  pid: number;
  startedAt: string;
  heartbeatAt: string;
}

export interface WriterLeaseOptions {
  /** Who this process is, as people call it: "the desktop app", "the browser bridge (serve)", "the CLI (sync)". */
  owner: string;
  /** How long a second process waits for the lease before giving up (default 30 s). */
  waitMs?: number;
  heartbeatMs?: number;
  /** A heartbeat older than this is a dead holder (default 60 s). */
  staleMs?: number;
  pollMs?: number;
  now?: () => number;
  /** Told when a stale lease is taken over (the store writes the audit row). */
  onTakeover?: (previous: LeaseHolder, why: string) => void;
  onLost?: (by: LeaseHolder | null) => void;
}

interface Row {
  token: string;
  owner: string;
  activity: string;
  host: string;
  pid: number;
  started_at: string;
  heartbeat_at: string;
}

const toHolder = (r: Row): LeaseHolder => ({ owner: r.owner, activity: r.activity, host: r.host, pid: r.pid, startedAt: r.started_at, heartbeatAt: r.heartbeat_at });

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** "The desktop app on this PC (pid 1234) is syncing this data folder; try again in a minute". */
export function busyMessage(h: LeaseHolder, here = hostname()): string {
  const who = h.owner.charAt(0).toUpperCase() + h.owner.slice(1);
  return `${who} on ${h.host === here ? 'this PC' : `the computer "${h.host}"`} (pid ${h.pid}) is ${h.activity}; try again in a minute`;
}

const isBusy = (e: unknown): boolean => typeof (e as { code?: unknown }).code === 'string' && (e as { code: string }).code.startsWith('SQLITE_BUSY');

export class WriterLease {
  private readonly token = randomUUID();
  private readonly host = hostname();
  private depth = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly o: Required<Omit<WriterLeaseOptions, 'onTakeover' | 'onLost'>> & Pick<WriterLeaseOptions, 'onTakeover' | 'onLost'>;

  constructor(private readonly db: Db, opts: WriterLeaseOptions) {
    this.o = { waitMs: 30_000, heartbeatMs: 5_000, staleMs: 60_000, pollMs: 100, now: Date.now, ...opts };
  }

  /** Whoever holds the lease now (this process included), or null. */
  holder(): LeaseHolder | null {
    const r = this.db.prepare('SELECT * FROM writer_lease WHERE id = 1').get() as Row | undefined;
    return r ? toHolder(r) : null;
  }

  get held(): boolean {
    return this.depth > 0;
  }

  /** Runs `job` holding the lease; re-entrant within this process (a sync inside a held demo run). */
  async run<T>(activity: string, job: () => Promise<T>): Promise<T> {
    const release = await this.acquire(activity);
    try {
      return await job();
    } finally {
      release();
    }
  }

  /** Takes the lease (waiting up to waitMs) and answers the release function; CONFLICT (retryable) when busy. */
  async acquire(activity: string): Promise<() => void> {
    const deadline = this.o.now() + this.o.waitMs;
    for (;;) {
      let other: LeaseHolder | null = null;
      try {
        other = this.tryTake(activity);
      } catch (e) {
        if (!isBusy(e)) throw e;
      }
      if (other === null) {
        this.depth++;
        if (!this.timer) this.timer = setInterval(() => this.beat(), this.o.heartbeatMs).unref();
        let released = false;
        return () => {
          if (released) return;
          released = true;
          this.release();
        };
      }
      if (this.o.now() >= deadline) {
        const h = other ?? this.holder();
        throw new ConnectorError('CONFLICT', h ? busyMessage(h, this.host) : 'Another process is writing to this data folder; try again in a minute', {
          retryable: true,
          details: h ? { holder: h } : undefined,
        });
      }
      await new Promise((r) => setTimeout(r, Math.min(this.o.pollMs, Math.max(1, deadline - this.o.now()))));
    }
  }

  /** Null when the lease is now ours, else the live holder. */
  private tryTake(activity: string): LeaseHolder | null {
    return this.db.transaction((): LeaseHolder | null => {
      const r = this.db.prepare('SELECT * FROM writer_lease WHERE id = 1').get() as Row | undefined;
      const at = new Date(this.o.now()).toISOString();
      if (r?.token === this.token) return null;
      if (r) {
        const why = this.staleReason(r);
        if (!why) return toHolder(r);
        this.o.onTakeover?.(toHolder(r), why);
      }
      this.db
        .prepare('INSERT OR REPLACE INTO writer_lease (id, token, owner, activity, host, pid, started_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)')
        .run(this.token, this.o.owner, activity, this.host, process.pid, at, at);
      return null;
    }).immediate();
  }

  private staleReason(r: Row): string | null {
    const age = this.o.now() - Date.parse(r.heartbeat_at);
    if (!(age <= this.o.staleMs)) return `no heartbeat for ${Math.round(age / 1000)} s`;
    if (r.host === this.host && r.pid !== process.pid && !pidAlive(r.pid)) return `process ${r.pid} is no longer running`;
    return null;
  }

  private beat(): void {
    try {
      const n = this.db.prepare('UPDATE writer_lease SET heartbeat_at = ? WHERE id = 1 AND token = ?').run(new Date(this.o.now()).toISOString(), this.token).changes;
      if (n === 0) this.o.onLost?.(this.holder());
    } catch {
      // A busy moment (or a closing database) skips one beat; the stale bound allows many.
    }
  }

  private release(): void {
    this.depth = Math.max(0, this.depth - 1);
    if (this.depth > 0) return;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.db.open) this.db.prepare('DELETE FROM writer_lease WHERE id = 1 AND token = ?').run(this.token);
  }

  /** Writes this lease's row into another copy of the database (a restore keeps holding it across the swap). */
  stampInto(other: Db, activity: string): void {
    const at = new Date(this.o.now()).toISOString();
    other.prepare('INSERT OR REPLACE INTO writer_lease (id, token, owner, activity, host, pid, started_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)').run(this.token, this.o.owner, activity, this.host, process.pid, at, at);
  }

  /** On close: let go whatever this process still holds. */
  dispose(): void {
    this.depth = 1;
    this.release();
  }
}
