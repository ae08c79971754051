// Issue items 2 and 3: "Sync now" comes back as soon as the run ends, and an ERP outage is visible: the card
// turns red with the reason, Replay all stops with counts instead of retrying every post for minutes, and
// failed posts count in the sidebar badge.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { dispatch } from '../../../main/core/dispatch';
import type { Store } from '../../../main/core/store/store';
import type { AddressInfo } from 'node:net';
import { expect, test } from '../fixtures';
import type { BrowserGlobals } from '../browser-globals';

const NETSUITE = /^Northwind demo: Concur Financial Integration → Oracle NetSuite$/;

test('item 2: Sync now is back within seconds of the end of the run, not at the next 30 s poll', async ({ app, page }) => {
  await page.evaluate(() => {
    const w = globalThis as unknown as BrowserGlobals & { finishedAt?: number };
    w.mlc.onEvent((e) => void (e.type === 'run.finished' && (w.finishedAt = Date.now())));
  });
  const card = app.dashboard.card(NETSUITE);
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByRole('button', { name: 'Syncing…' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as { finishedAt?: number }).finishedAt ?? 0), { timeout: 60_000 }).toBeGreaterThan(0);
  // Well under the 30 s poll that used to be the only thing clearing it.
  await expect(card.getByRole('button', { name: 'Sync now' })).toBeEnabled({ timeout: 5_000 });
  await expect(card.getByRole('status', { name: 'Sync progress' })).toHaveCount(0);
});

test('item 3: with the ERP down the card turns red, Replay all stops with counts, failed posts are in the badge', async ({ app, page, serving }) => {
  const id = serving.serving.demoConnectionId!;
  await serving.core.sync(id, { actor: 'e2e' });
  // The mappings are fixed, so every held report would post now, if the ERP answered.
  const csv = readFileSync(join(serving.dataDir, 'demo', 'fixed-mappings.csv'), 'utf8');
  expect((await dispatch(serving.core, 'mappings.importCsv', { connectionId: id, csv }, 'e2e')).ok).toBe(true);
  // The ERP goes away: a port that refuses connections.
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const store = serving.core.runtime.store;
  const conn = store.connections.get(id)!;
  store.connections.save({ ...conn, target: { ...conn.target, serverUrl: `http://127.0.0.1:${port}` } as typeof conn.target, retry: { ...conn.retry, maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 } });

  await page.goto(page.url().replace(/#.*$/, '') + `#/held?connection=${id}`);
  await expect(app.held.rows().first()).toBeVisible();
  const before = await app.held.heldCount();
  expect(before).toBeGreaterThan(20);
  await app.held.replayAll();
  await expect(app.held.summary().getByLabel('Replay progress')).toContainText(/Replaying \d+ of \d+/);
  await expect(page.getByRole('alert').filter({ hasText: 'Replay stopped' })).toContainText('were not tried', { timeout: 60_000 });
  await expect(app.held.summary()).toContainText(/Results: .*failed, will retry later/);
  await app.screenshot('held-replay-stopped');
  const failed = store.postings.counts(id).failed;
  expect(failed).toBeGreaterThan(0);
  expect(failed).toBeLessThan(before);

  await app.go('Dashboard');
  const card = app.dashboard.card();
  await expect(card.getByTestId('connection-status')).toHaveText('Posts failing');
  await expect(card.getByTestId('failure-reason')).toContainText(`${failed} posts failed, will retry`);
  await expect(card.getByTestId('connection-status')).toHaveCSS('background-color', 'rgb(179, 38, 30)');
  await app.screenshot('dashboard-erp-down');
  const held = store.postings.counts(id).held;
  await expect(app.nav().getByRole('link', { name: /^Held/ }).locator('.nav-count')).toHaveText(String(held + failed + otherHeld(serving.core.runtime.store, id)));
});

function otherHeld(store: Store, except: string): number {
  return store.connections.list().filter((c) => c.id !== except).reduce((n, c) => n + store.postings.counts(c.id).held + store.postings.counts(c.id).failed + store.postings.counts(c.id).uncertain, 0);
}
