import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextRunAt, Scheduler } from '../../../main/core/engine/schedule';
import type { Schedule } from '../../../shared/schemas/connection';

test('interval and daily schedules compute the next run; manual has none', () => {
  const now = new Date(2026, 10, 23, 10, 0, 0);
  assert.equal(nextRunAt({ mode: 'manual' }, null, now), null);
  assert.deepEqual(nextRunAt({ mode: 'interval', minutes: 30 }, null, now), now);
  assert.deepEqual(nextRunAt({ mode: 'interval', minutes: 30 }, new Date(2026, 10, 23, 9, 45).toISOString(), now), new Date(2026, 10, 23, 10, 15));
  // Today's 07:30 slot has passed and we have not run since: due now (at the slot).
  assert.deepEqual(nextRunAt({ mode: 'daily', at: '07:30' }, new Date(2026, 10, 22, 7, 30).toISOString(), now), new Date(2026, 10, 23, 7, 30));
  // Ran after today's slot: tomorrow.
  assert.deepEqual(nextRunAt({ mode: 'daily', at: '07:30' }, new Date(2026, 10, 23, 7, 31).toISOString(), now), new Date(2026, 10, 24, 7, 30));
  assert.deepEqual(nextRunAt({ mode: 'daily', at: '18:00' }, null, now), new Date(2026, 10, 23, 18, 0));
});

test('the scheduler starts due, active connections only, and never one that is still running', async () => {
  const started: string[] = [];
  const running = new Set<string>(['busy']);
  const s = new Scheduler({
    listConnections: () => [
      { id: 'due', status: 'active', schedule: { mode: 'interval', minutes: 5 } },
      { id: 'busy', status: 'active', schedule: { mode: 'interval', minutes: 5 } },
      { id: 'paused', status: 'paused', schedule: { mode: 'interval', minutes: 5 } },
      { id: 'manual', status: 'active', schedule: { mode: 'manual' } },
      { id: 'fresh', status: 'active', schedule: { mode: 'interval', minutes: 60 } },
    ],
    lastStartedAt: (id) => (id === 'fresh' ? new Date(Date.now() - 60_000).toISOString() : id === 'due' ? new Date(Date.now() - 6 * 60_000).toISOString() : null),
    isRunning: (id) => running.has(id),
    run: async (id) => {
      started.push(id);
    },
    now: () => new Date(),
    onError: () => undefined,
  });
  s.tick();
  assert.deepEqual(started, ['due']);
});

/** A scheduler host on an injected clock, recording which connections it started. */
function clockedHost(conns: Array<{ id: string; schedule: Schedule; createdAt?: string; last?: string }>, start: Date) {
  let now = start;
  const started: string[] = [];
  const last = new Map(conns.filter((c) => c.last).map((c) => [c.id, c.last!]));
  const s = new Scheduler({
    listConnections: () => conns.map((c) => ({ id: c.id, status: 'active' as const, schedule: c.schedule, createdAt: c.createdAt })),
    lastStartedAt: (id) => last.get(id) ?? null,
    isRunning: () => false,
    run: async (id) => {
      started.push(id);
      last.set(id, now.toISOString());
    },
    now: () => now,
    onError: () => undefined,
  });
  return { s, started, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

test('serve does not sync never-run connections at start: their first interval counts from the start', () => {
  const start = new Date(2026, 11, 6, 10, 0, 0);
  const h = clockedHost([
    { id: 'hourly', schedule: { mode: 'interval', minutes: 60 }, createdAt: new Date(2026, 10, 1).toISOString() },
    { id: 'morning', schedule: { mode: 'daily', at: '07:30' }, createdAt: new Date(2026, 10, 1).toISOString() },
    { id: 'evening', schedule: { mode: 'daily', at: '18:00' }, createdAt: new Date(2026, 10, 1).toISOString() },
    { id: 'manual', schedule: { mode: 'manual' } },
  ], start);
  h.s.tick();
  h.advance(15_000);
  h.s.tick();
  assert.deepEqual(h.started, [], 'nothing is due 15 s after start');
  h.advance(59 * 60_000);
  h.s.tick();
  assert.deepEqual(h.started, []);
  h.advance(60_000); // 11:00:15, an hour after start
  h.s.tick();
  assert.deepEqual(h.started, ['hourly']);
  h.advance(7 * 3_600_000); // 18:00:15
  h.s.tick();
  assert.deepEqual(h.started, ['hourly', 'hourly', 'evening'], 'the hourly one again, and 18:00 that fell after the start');
  h.advance(14 * 3_600_000); // 08:00:15 next day: the 07:30 slot fell while watching
  h.s.tick();
  assert.deepEqual(h.started.slice(3), ['hourly', 'morning'], 'the 07:30 slot fell while watching; 18:00 already ran today');
});

test('a connection that has run before and is overdue runs at start (a missed slot is caught up)', () => {
  const start = new Date(2026, 11, 6, 10, 0, 0);
  const h = clockedHost([
    { id: 'overdue', schedule: { mode: 'interval', minutes: 30 }, last: new Date(2026, 11, 6, 9, 0).toISOString() },
    { id: 'recent', schedule: { mode: 'interval', minutes: 30 }, last: new Date(2026, 11, 6, 9, 50).toISOString() },
  ], start);
  h.s.tick();
  assert.deepEqual(h.started, ['overdue']);
  h.advance(20 * 60_000);
  h.s.tick();
  assert.deepEqual(h.started, ['overdue', 'recent']);
});

test('a connection created while serve runs counts its first interval from its creation', () => {
  const start = new Date(2026, 11, 6, 10, 0, 0);
  const h = clockedHost([{ id: 'new', schedule: { mode: 'interval', minutes: 15 }, createdAt: new Date(2026, 11, 6, 10, 30).toISOString() }], start);
  h.s.tick();
  h.advance(40 * 60_000); // 10:40: 10 min after creation
  h.s.tick();
  assert.deepEqual(h.started, []);
  h.advance(5 * 60_000); // 10:45
  h.s.tick();
  assert.deepEqual(h.started, ['new']);
});

test('nextRunAt with a watch start: interval from it, daily at the first slot after it', () => {
  const since = new Date(2026, 11, 6, 10, 0, 0);
  const now = new Date(2026, 11, 6, 10, 0, 15);
  assert.deepEqual(nextRunAt({ mode: 'interval', minutes: 15 }, null, now, since), new Date(2026, 11, 6, 10, 15));
  assert.deepEqual(nextRunAt({ mode: 'daily', at: '07:30' }, null, now, since), new Date(2026, 11, 7, 7, 30));
  assert.deepEqual(nextRunAt({ mode: 'daily', at: '18:00' }, null, now, since), new Date(2026, 11, 6, 18, 0));
  assert.equal(nextRunAt({ mode: 'manual' }, null, now, since), null);
});

test('watchedSince: the later of the creation and the scheduler start; either alone; a bad creation date is ignored', async () => {
  const { watchedSince } = await import('../../../main/core/engine/schedule');
  const start = new Date(2026, 11, 6, 10, 0);
  assert.deepEqual(watchedSince(new Date(2026, 11, 6, 11, 0).toISOString(), start), new Date(2026, 11, 6, 11, 0));
  assert.deepEqual(watchedSince(new Date(2026, 10, 1).toISOString(), start), start);
  assert.deepEqual(watchedSince(undefined, start), start);
  assert.deepEqual(watchedSince(new Date(2026, 10, 1).toISOString(), undefined), new Date(2026, 10, 1));
  assert.deepEqual(watchedSince('not a date', start), start);
  assert.equal(watchedSince(undefined, null), undefined);
});

test('daily boundaries: a slot reached this very second is due once; a run at the slot itself counts as run', () => {
  const slot = new Date(2026, 11, 7, 7, 30, 0);
  const daily = { mode: 'daily' as const, at: '07:30' };
  const yesterday = new Date(2026, 11, 6, 7, 30).toISOString();
  assert.deepEqual(nextRunAt(daily, yesterday, slot), slot, 'now is exactly the slot, not run since: due now');
  assert.deepEqual(nextRunAt(daily, slot.toISOString(), slot), new Date(2026, 11, 8, 7, 30), 'started at the slot this second: tomorrow');
  assert.deepEqual(nextRunAt(daily, slot.toISOString(), new Date(2026, 11, 7, 9, 0)), new Date(2026, 11, 8, 7, 30), 'started at the slot, later that day: tomorrow');
  // Watched from exactly the slot: that slot is owed (not tomorrow's).
  assert.deepEqual(nextRunAt(daily, null, slot, slot), slot);
});

test('a never-run window schedule: its first interval counts from the watch start, and lands inside the window', () => {
  const night = { mode: 'window' as const, from: '22:00', to: '06:00', minutes: 60 };
  const since = new Date(2026, 11, 6, 22, 30);
  // 30 min after the watch start: the first run is an hour after it, still inside the window.
  assert.deepEqual(nextRunAt(night, null, new Date(2026, 11, 6, 23, 0), since), new Date(2026, 11, 6, 23, 30));
  // Long after the first interval (the machine slept): due now if now is inside the window...
  assert.deepEqual(nextRunAt(night, null, new Date(2026, 11, 7, 3, 0), since), new Date(2026, 11, 7, 3, 0));
  // ...and at the next opening if now is outside it.
  assert.deepEqual(nextRunAt(night, null, new Date(2026, 11, 7, 9, 0), since), new Date(2026, 11, 7, 22, 0));
  // Watched from the afternoon: the interval ends outside the window, so the window's opening.
  assert.deepEqual(nextRunAt(night, null, new Date(2026, 11, 6, 15, 0), new Date(2026, 11, 6, 14, 0)), new Date(2026, 11, 6, 22, 0));
});

test('watchedSince ignores a creation date that is not a date even with no scheduler start', async () => {
  const { watchedSince } = await import('../../../main/core/engine/schedule');
  assert.equal(watchedSince('not a date', undefined), undefined);
  assert.equal(watchedSince('not a date', null), undefined);
});

test('paused connections are never started, however overdue; a failed start reaches onError with its connection', async () => {
  const started: string[] = [];
  const errors: Array<[string, string]> = [];
  const long = new Date(2026, 0, 1).toISOString();
  const s = new Scheduler({
    listConnections: () => [
      { id: 'paused', status: 'paused', schedule: { mode: 'interval', minutes: 5 } },
      { id: 'broken', status: 'active', schedule: { mode: 'interval', minutes: 5 } },
    ],
    lastStartedAt: () => long,
    isRunning: () => false,
    run: async (id) => {
      started.push(id);
      throw new Error(`cannot start ${id}`);
    },
    now: () => new Date(2026, 11, 7, 10, 0),
    onError: (id, e) => void errors.push([id, (e as Error).message]),
  });
  s.tick();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, ['broken']);
  assert.deepEqual(errors, [['broken', 'cannot start broken']]);
});

test('start watches from the host clock, ticks on its own, is idempotent, and stop ends every tick', async () => {
  const started: string[] = [];
  const clock = new Date(2026, 11, 7, 10, 0);
  const s = new Scheduler({
    listConnections: () => [{ id: 'due', status: 'active', schedule: { mode: 'interval', minutes: 5 } }],
    lastStartedAt: () => new Date(2026, 11, 7, 9, 0).toISOString(),
    isRunning: () => false,
    run: async (id) => void started.push(id),
    now: () => clock,
    onError: () => undefined,
  });
  assert.strictEqual(s.watchingSince, null, 'not watching before its start');
  s.start(5);
  s.start(5); // a second start must not add a second timer that stop() would miss
  assert.deepEqual(s.watchingSince, clock);
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  for (let i = 0; i < 100 && started.length === 0; i++) await wait(5);
  assert.ok(started.length > 0, 'the timer ticks by itself');
  s.stop();
  const after = started.length;
  await wait(60);
  assert.equal(started.length, after, 'no tick after stop');
  s.stop(); // stopping twice is harmless
});

test('the first tick without a start sets the watch start', () => {
  const now = new Date(2026, 11, 7, 10, 0);
  const s = new Scheduler({ listConnections: () => [], lastStartedAt: () => null, isRunning: () => false, run: async () => undefined, now: () => now, onError: () => undefined });
  s.tick();
  assert.deepEqual(s.watchingSince, now);
});
