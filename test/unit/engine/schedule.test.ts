import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextRunAt, Scheduler } from '../../../main/core/engine/schedule';

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
    lastStartedAt: (id) => (id === 'fresh' ? new Date(Date.now() - 60_000).toISOString() : null),
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
