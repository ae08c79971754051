// The tray icon's state from the core's connection states: failed before held before paused before syncing.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ConnectionState } from '../../../shared/schemas/run';
import { trayIconPath } from '../../../main/electron/tray';
import { trayStatusOf } from '../../../main/electron/tray-state';
import type { TrayIcon } from '../../../main/electron/tray-state';

const state = (o: Partial<ConnectionState> & { held?: number; lastStatus?: 'succeeded' | 'failed' }): ConnectionState => ({
  connectionId: o.connectionId ?? 'c1',
  name: o.name ?? 'Northwind',
  status: o.status ?? 'active',
  pausedReason: o.pausedReason ?? null,
  running: o.running ?? false,
  lastRun: o.lastStatus ? ({ status: o.lastStatus } as ConnectionState['lastRun']) : null,
  nextRunAt: null,
  counts: { posted: 3, held: o.held ?? 0, failed: 0 },
  latestErrors: [],
});
const plain = { schedulesPaused: false, updateReady: null };

test('all synced is "ok"; a running sync is "syncing"', () => {
  assert.equal(trayStatusOf([state({ lastStatus: 'succeeded' })], plain).icon, 'ok');
  assert.match(trayStatusOf([state({ lastStatus: 'succeeded' })], plain).tooltip, /All synced/);
  const s = trayStatusOf([state({ running: true })], plain);
  assert.equal(s.icon, 'syncing');
  assert.equal(s.anyRunning, true);
});

test('held documents show "held" with their count, across connections', () => {
  const s = trayStatusOf([state({ held: 57 }), state({ connectionId: 'c2', name: 'US', held: 2 })], plain);
  assert.equal(s.icon, 'held');
  assert.match(s.tooltip, /59 held for review/);
});

test('a failed last run or a connection that paused itself shows "failed", ahead of held and paused schedules', () => {
  assert.equal(trayStatusOf([state({ held: 5 }), state({ connectionId: 'c2', name: 'US', lastStatus: 'failed' })], { ...plain, schedulesPaused: true }).icon, 'failed');
  const paused = trayStatusOf([state({ status: 'paused', pausedReason: 'Paused after 3 failed sign-ins' })], plain);
  assert.equal(paused.icon, 'failed');
  assert.deepEqual(paused.activeIds, [], '"Sync now" leaves paused connections alone');
  assert.match(trayStatusOf([state({ lastStatus: 'failed' }), state({ connectionId: 'c2', lastStatus: 'failed' })], plain).tooltip, /2 connections failed/);
});

test('paused schedules show "paused"; a downloaded update and a pending quit are in the tooltip, within 127 characters', () => {
  assert.equal(trayStatusOf([state({})], { ...plain, schedulesPaused: true }).icon, 'paused');
  const s = trayStatusOf([state({ running: true, name: 'A very long connection name '.repeat(4) })], { schedulesPaused: true, updateReady: '0.2.0', quitting: true });
  assert.ok(s.tooltip.length <= 127);
  assert.match(s.tooltip, /Quitting after the running sync/);
  assert.match(trayStatusOf([state({})], { ...plain, updateReady: '0.2.0' }).tooltip, /Update 0\.2\.0 installs when you quit/);
});

test('every state has a 16 px icon and a 32 px @2x icon, as real PNG files', () => {
  const dir = join('main', 'electron', 'tray-icons');
  for (const icon of ['ok', 'syncing', 'held', 'failed', 'paused'] as TrayIcon[]) {
    for (const [file, size] of [[trayIconPath(dir, icon), 16], [trayIconPath(dir, icon).replace('.png', '@2x.png'), 32]] as const) {
      assert.ok(existsSync(file), file);
      const png = readFileSync(file);
      assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [size, size], file);
    }
  }
});
