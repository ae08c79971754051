// The Expensify rate window kept in SQLite: two pacers on two handles of one database file (two processes
// on one data folder) count against the same 5-per-10-s window; a slot left in flight by a killed process
// stops counting after the stale limit; the migration is checksummed like the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../../main/core/store/store';
import { SharedRateWindow } from '../../../main/core/adapters/expensify/shared-rate-window';
import { windowDelay } from '../../../main/core/adapters/expensify/rate-window';
import type { Clock } from '../../../main/core/ports';
import { tempDir } from '../../helpers/temp-dir';

/** A virtual clock whose sleep moves time instead of waiting. */
class VirtualClock implements Clock {
  ms = Date.parse('2026-12-06T12:00:00Z');
  readonly sleeps: number[] = [];
  now(): Date {
    return new Date(this.ms);
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.ms += ms;
  }
}

const WINDOWS = [{ requests: 5, windowMs: 10_000 }, { requests: 20, windowMs: 60_000 }];

test('two processes on one data folder share the window: the sixth request waits, whoever sends it', async (t) => {
  const path = join(tempDir(t), 'mlc.db');
  const a = openStore(path, () => new Date());
  const b = openStore(path, () => new Date());
  t.after(() => {
    a.close();
    b.close();
  });
  const clock = new VirtualClock();
  const first = new SharedRateWindow(a.rateWindows, 'expensify:partner', WINDOWS, clock);
  const second = new SharedRateWindow(b.rateWindows, 'expensify:partner', WINDOWS, clock);
  const start = clock.ms;
  for (let i = 0; i < 5; i++) (await first.acquire())();
  assert.equal(first.waitedMs, 0);
  (await second.acquire())();
  assert.ok(second.waitedMs >= 10_000, `the other process waited ${second.waitedMs} ms`);
  assert.ok(clock.ms - start >= 10_000);
  // Another partner user has a window of its own.
  const other = new SharedRateWindow(b.rateWindows, 'expensify:someone-else', WINDOWS, clock);
  for (let i = 0; i < 5; i++) (await other.acquire())();
  assert.equal(other.waitedMs, 0);
});

test('a slot left in flight by a killed process stops counting after the stale limit', async (t) => {
  const store = openStore(join(tempDir(t), 'mlc.db'), () => new Date());
  t.after(() => store.close());
  const clock = new VirtualClock();
  const dead = new SharedRateWindow(store.rateWindows, 's', [{ requests: 1, windowMs: 10_000 }], clock);
  await dead.acquire(); // never answered: the process was killed mid-request
  const next = new SharedRateWindow(store.rateWindows, 's', [{ requests: 1, windowMs: 10_000 }], clock);
  (await next.acquire())();
  assert.ok(next.waitedMs >= 300_000 && next.waitedMs < 320_000, `waited ${next.waitedMs}`);
});

test('windowDelay: room when fewer than N in the window, else until the Nth newest leaves', () => {
  assert.equal(windowDelay(WINDOWS, [1000, 2000, 3000, 4000], 5000), 0);
  assert.equal(windowDelay(WINDOWS, [1000, 2000, 3000, 4000, 4500], 5000), 6000);
  assert.equal(windowDelay(WINDOWS, Array(5).fill(Number.POSITIVE_INFINITY), 5000), Number.POSITIVE_INFINITY, 'five in flight: until one answers');
});
