// Off-peak window schedules: next run inside the window, crossing midnight, the posting gate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextRunAt, Scheduler } from '../../../main/core/engine/schedule';
import { earliestInWindow, inWindow, postingGate } from '../../../main/core/engine/window';
import { scheduleSchema } from '../../../shared/schemas/connection';

// Local time in a zone without DST and with a half-hour offset, so a UTC/local mix-up cannot pass unnoticed.
process.env.TZ = 'Asia/Kolkata';

const at = (d: number, h: number, m = 0) => new Date(2026, 10, d, h, m);
const night = { mode: 'window' as const, from: '22:00', to: '06:00', minutes: 60 };
const day = { mode: 'window' as const, from: '12:30', to: '14:00', minutes: 30 };

test('the machine runs on local time in a DST-free zone for these tests', () => {
  assert.equal(at(23, 22).toISOString(), '2026-11-23T16:30:00.000Z');
});

test('inside a window: from is included, to is not; a window may cross midnight', () => {
  assert.equal(inWindow(night, at(23, 22)), true);
  assert.equal(inWindow(night, at(23, 23, 59)), true);
  assert.equal(inWindow(night, at(24, 0, 0)), true);
  assert.equal(inWindow(night, at(24, 5, 59)), true);
  assert.equal(inWindow(night, at(24, 6, 0)), false);
  assert.equal(inWindow(night, at(23, 21, 59)), false);
  assert.equal(inWindow(day, at(23, 12, 30)), true);
  assert.equal(inWindow(day, at(23, 14, 0)), false);
  assert.equal(inWindow(day, at(23, 2, 0)), false);
});

test('the earliest moment in a window: now when inside, else the next opening (today or tomorrow)', () => {
  assert.deepEqual(earliestInWindow(night, at(23, 23, 10)), at(23, 23, 10));
  assert.deepEqual(earliestInWindow(night, at(23, 10)), at(23, 22));
  assert.deepEqual(earliestInWindow(day, at(23, 15)), at(24, 12, 30));
  assert.deepEqual(earliestInWindow(day, at(23, 9)), at(23, 12, 30));
  // Month end: the next opening is on the 1st.
  assert.deepEqual(earliestInWindow(day, new Date(2026, 10, 30, 18)), new Date(2026, 11, 1, 12, 30));
});

test('next run of a window schedule: every N minutes inside, the next opening outside, across midnight', () => {
  // Never run, inside the window: due now.
  assert.deepEqual(nextRunAt(night, null, at(23, 23)), at(23, 23));
  // Never run, during the day: tonight at 22:00.
  assert.deepEqual(nextRunAt(night, null, at(23, 10)), at(23, 22));
  // Ran at 23:30: next at 00:30 the next day, still inside the window that crossed midnight.
  assert.deepEqual(nextRunAt(night, at(23, 23, 30).toISOString(), at(23, 23, 45)), at(24, 0, 30));
  // Ran at 05:30: 06:30 is outside, so the next opening, 22:00 that evening.
  assert.deepEqual(nextRunAt(night, at(24, 5, 30).toISOString(), at(24, 5, 40)), at(24, 22));
  // Overdue inside the window (the machine slept): due now, not at a past slot.
  assert.deepEqual(nextRunAt(night, at(23, 22).toISOString(), at(24, 2, 15)), at(24, 2, 15));
  // Last run yesterday morning, now mid-afternoon: tonight.
  assert.deepEqual(nextRunAt(night, at(23, 5).toISOString(), at(23, 15)), at(23, 22));
  // A daytime window: 13:30 + 30 min = 14:00 is its end, so tomorrow 12:30.
  assert.deepEqual(nextRunAt(day, at(23, 13, 30).toISOString(), at(23, 13, 35)), at(24, 12, 30));
});

test('the schedule schema takes a window and refuses one that ends when it starts', () => {
  assert.equal(scheduleSchema.safeParse(night).success, true);
  assert.equal(scheduleSchema.safeParse({ ...night, to: '22:00' }).success, false);
  assert.equal(scheduleSchema.safeParse({ ...night, from: '24:00' }).success, false);
});

test('the posting gate holds scheduled runs of a window schedule only', () => {
  let now = at(23, 5, 50);
  const clock = { now: () => now, sleep: async () => undefined };
  const gate = postingGate(night, 'schedule', clock);
  assert.equal(gate(), true);
  now = at(23, 6, 0);
  assert.equal(gate(), false);
  assert.equal(postingGate(night, 'manual', clock)(), true, 'Sync now posts at any time');
  assert.equal(postingGate({ mode: 'interval', minutes: 5 }, 'schedule', clock)(), true);
});

test('the scheduler starts a window connection only inside its window', () => {
  const started: string[] = [];
  let now = at(23, 12);
  const s = new Scheduler({
    listConnections: () => [{ id: 'night', status: 'active', schedule: night }],
    lastStartedAt: () => at(23, 5).toISOString(),
    isRunning: () => false,
    run: async (id) => void started.push(id),
    now: () => now,
    onError: () => undefined,
  });
  s.tick();
  assert.deepEqual(started, []);
  now = at(23, 22);
  s.tick();
  assert.deepEqual(started, ['night']);
});
