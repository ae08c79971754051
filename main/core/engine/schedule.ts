// When a connection's next scheduled sync is due: every N minutes after the last start, daily at HH:MM, or every
// N minutes inside an off-peak window (local time).
import type { Schedule } from '../../../shared/schemas/connection';
import { earliestInWindow } from './window';

export function nextRunAt(schedule: Schedule, lastStartedAt: string | null, now: Date): Date | null {
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

export interface SchedulerHost {
  listConnections(): Array<{ id: string; status: 'active' | 'paused'; schedule: Schedule }>;
  lastStartedAt(connectionId: string): string | null;
  isRunning(connectionId: string): boolean;
  run(connectionId: string): Promise<unknown>;
  now(): Date;
  onError(connectionId: string, e: unknown): void;
}

/** Ticks every `tickMs`, starting due syncs; a running connection is never started twice. */
export class Scheduler {
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly host: SchedulerHost, private readonly tickMs = 15_000) {}

  start(tickMs = this.tickMs): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), tickMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  tick(): void {
    const now = this.host.now();
    for (const c of this.host.listConnections()) {
      if (c.status !== 'active' || this.host.isRunning(c.id)) continue;
      const due = nextRunAt(c.schedule, this.host.lastStartedAt(c.id), now);
      if (due && due <= now) this.host.run(c.id).catch((e) => this.host.onError(c.id, e));
    }
  }
}
