// When a connection's next scheduled sync is due: every N minutes after the last start, daily at HH:MM, or every
// N minutes inside an off-peak window (local time).
import type { Schedule } from '../../../shared/schemas/connection';
import { earliestInWindow } from './window';

/**
 * `neverRunSince`: for a connection that has never run, when it started being watched (the later of its creation
 * and the scheduler's start). Its first interval then counts from there, and a daily slot that passed before it is
 * not due: starting `serve` must not sync every new connection at once. Without it, a never-run connection is due now.
 */
export function nextRunAt(schedule: Schedule, lastStartedAt: string | null, now: Date, neverRunSince?: Date): Date | null {
  if (!lastStartedAt && neverRunSince) return firstRunAt(schedule, neverRunSince, now);
  switch (schedule.mode) {
    case 'manual':
      return null;
    case 'interval': {
      if (!lastStartedAt) return now;
      return new Date(Date.parse(lastStartedAt) + schedule.minutes * 60_000);
    }
    case 'daily': {
      const [h, m] = schedule.at.split(':').map(Number) as [number, number];
      const today = new Date(now);
      today.setHours(h, m, 0, 0);
      const last = lastStartedAt ? new Date(lastStartedAt) : null;
      // Due today if today's slot has passed and we have not run since it; otherwise tomorrow's slot.
      if (today <= now && (!last || last < today)) return today;
      if (today > now) return today;
      const tomorrow = new Date(today);
      tomorrow.setDate(today.getDate() + 1);
      return tomorrow;
    }
    case 'window': {
      // N minutes after the last start, but never outside the window: then at its next opening.
      const after = lastStartedAt ? new Date(Date.parse(lastStartedAt) + schedule.minutes * 60_000) : now;
      return earliestInWindow(schedule, after > now ? after : now);
    }
  }
}

function firstRunAt(schedule: Schedule, since: Date, now: Date): Date | null {
  switch (schedule.mode) {
    case 'manual':
      return null;
    case 'interval':
      return new Date(since.getTime() + schedule.minutes * 60_000);
    case 'daily': {
      // The first slot at or after `since`: a slot that passed before the connection was watched is not owed.
      const [h, m] = schedule.at.split(':').map(Number) as [number, number];
      const slot = new Date(since);
      slot.setHours(h, m, 0, 0);
      if (slot < since) slot.setDate(slot.getDate() + 1);
      return slot;
    }
    case 'window': {
      const after = new Date(since.getTime() + schedule.minutes * 60_000);
      return earliestInWindow(schedule, after > now ? after : now);
    }
  }
}

/** When a never-run connection started being watched: the later of its creation and the scheduler's start. */
export function watchedSince(createdAt: string | undefined, schedulerSince: Date | null | undefined): Date | undefined {
  const created = createdAt ? new Date(createdAt) : null;
  const c = created && !Number.isNaN(created.getTime()) ? created : null;
  if (c && schedulerSince) return c > schedulerSince ? c : schedulerSince;
  return c ?? schedulerSince ?? undefined;
}

export interface SchedulerHost {
  /** `createdAt` (ISO): a never-run connection's first interval counts from the later of it and the scheduler's start. */
  listConnections(): Array<{ id: string; status: 'active' | 'paused'; schedule: Schedule; createdAt?: string }>;
  lastStartedAt(connectionId: string): string | null;
  isRunning(connectionId: string): boolean;
  run(connectionId: string): Promise<unknown>;
  now(): Date;
  onError(connectionId: string, e: unknown): void;
}

/** Ticks every `tickMs`, starting due syncs; a running connection is never started twice. */
export class Scheduler {
  private timer: ReturnType<typeof setInterval> | null = null;
  /** When this scheduler started watching (its start, or its first tick). */
  private since: Date | null = null;

  constructor(private readonly host: SchedulerHost, private readonly tickMs = 15_000) {}

  start(tickMs = this.tickMs): void {
    if (this.timer) return;
    this.since ??= this.host.now();
    this.timer = setInterval(() => this.tick(), tickMs);
    this.timer.unref?.();
  }

  /** When this scheduler started watching; null before its start or first tick. */
  get watchingSince(): Date | null {
    return this.since;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  tick(): void {
    const now = this.host.now();
    const since = (this.since ??= now);
    for (const c of this.host.listConnections()) {
      if (c.status !== 'active' || this.host.isRunning(c.id)) continue;
      const due = nextRunAt(c.schedule, this.host.lastStartedAt(c.id), now, watchedSince(c.createdAt, since));
      if (due && due <= now) this.host.run(c.id).catch((e) => this.host.onError(c.id, e));
    }
  }
}
