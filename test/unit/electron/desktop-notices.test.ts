// The desktop notification decisions, without Electron: off means never, a repeated failure is shown once an
// hour until the connection syncs again, pauses and new held items always; a click opens the window.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MlcEvent, Notice } from '../../../shared/contract/events';
import { createDesktopNotifier, newNoticeMemory, REPEAT_QUIET_MS, shouldNotify } from '../../../main/electron/desktop-notices';
import type { NotificationApi } from '../../../main/electron/desktop-notices';

const notice = (kind: Notice['kind'], body = 'The ERP did not answer', connectionId = 'c1'): Notice => ({ kind, connectionId, title: `${kind} ${connectionId}`, body, at: '2026-12-06T10:00:00Z' });
const finished = (connectionId: string, status: 'succeeded' | 'failed') =>
  ({ type: 'run.finished', payload: { runId: 'r', connectionId, trigger: 'schedule', dryRun: false, startedAt: '', finishedAt: '', status, fetched: 0, posted: 0, held: 0, failed: 0, skipped: 0, recovered: 0, wouldPost: 0, deferred: 0, linked: 0, wouldLink: 0, error: null } }) as MlcEvent;

test('off: nothing is shown; on: a pause and new held items are shown every time', () => {
  const memory = newNoticeMemory();
  assert.equal(shouldNotify(notice('run_failed'), { enabled: false, nowMs: 0, memory }), false);
  assert.equal(shouldNotify(notice('new_held'), { enabled: false, nowMs: 0, memory }), false);
  for (let i = 0; i < 3; i++) {
    assert.equal(shouldNotify(notice('paused'), { enabled: true, nowMs: i, memory }), true);
    assert.equal(shouldNotify(notice('new_held', '3 new held items'), { enabled: true, nowMs: i, memory }), true);
  }
});

test('the same failure is shown once an hour; another reason or another connection is shown at once', () => {
  const memory = newNoticeMemory();
  const at = (nowMs: number, n = notice('run_failed')) => shouldNotify(n, { enabled: true, nowMs, memory });
  assert.equal(at(0), true);
  assert.equal(at(5 * 60_000), false, 'the 5-minute schedule failing again says nothing new');
  assert.equal(at(10 * 60_000, notice('run_failed', 'Password expired')), true);
  assert.equal(at(10 * 60_000, notice('run_failed', 'The ERP did not answer', 'c2')), true);
  assert.equal(at(REPEAT_QUIET_MS - 1), false);
  assert.equal(at(REPEAT_QUIET_MS), true, 'still failing an hour later: reminded');
});

test('the notifier shows Electron notifications for notices, forgets a failure once the connection syncs, and opens on click', () => {
  const made: Array<{ title: string; body: string; click?: () => void; shown: boolean }> = [];
  class FakeNotification {
    static isSupported = () => true;
    private readonly rec: (typeof made)[number];
    constructor(o: { title: string; body: string }) {
      this.rec = { ...o, shown: false };
      made.push(this.rec);
    }
    on(_e: 'click', l: () => void) {
      this.rec.click = l;
    }
    show() {
      this.rec.shown = true;
    }
  }
  let enabled = true;
  let now = 0;
  const clicked: Notice[] = [];
  const n = createDesktopNotifier(FakeNotification as unknown as NotificationApi, { enabled: () => enabled, now: () => now, onClick: (x) => clicked.push(x), onError: (e) => assert.fail(String(e)) });
  n.onEvent({ type: 'notice', payload: notice('run_failed') });
  n.onEvent({ type: 'notice', payload: notice('run_failed') });
  assert.equal(made.length, 1);
  assert.equal(made[0]!.shown, true);
  assert.equal(made[0]!.title, 'run_failed c1');
  n.onEvent(finished('c1', 'succeeded'));
  now += 60_000;
  n.onEvent({ type: 'notice', payload: notice('run_failed') });
  assert.equal(made.length, 2, 'failing again after a good sync is news');
  made[1]!.click!();
  assert.deepEqual(clicked.map((c) => c.kind), ['run_failed']);
  enabled = false;
  n.onEvent({ type: 'notice', payload: notice('new_held', 'x') });
  assert.equal(made.length, 2, 'switched off from the tray');
  n.onEvent(finished('c1', 'succeeded'));
  assert.equal(made.length, 2, 'other events are not notices');
});

test('without a notification centre (or in a stand-in) nothing breaks and nothing is shown', () => {
  const n = createDesktopNotifier(undefined, { enabled: () => true, now: () => 0, onClick: () => undefined, onError: () => undefined });
  n.onEvent({ type: 'notice', payload: notice('paused') });
  assert.deepEqual(n.shown, []);
});
