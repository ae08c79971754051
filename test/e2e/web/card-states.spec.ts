// The connection card as the issue asks for it: red with the reason when the last run failed, and progress
// with counts while a long sync runs (phase, read, posted, held, failed), gone once the run has finished.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect, test } from '../fixtures';

const EXPENSIFY = /^Northwind demo: Expensify → Sage X3$/;

test('a card turns red with the reason when its last run failed', async ({ app, page, serving }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  // The Expensify → X3 connection has never read X3's accounts; with X3 unreachable its first run cannot check anything.
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const store = serving.core.runtime.store;
  const conn = store.connections.get('demo-expensify-x3')!;
  store.connections.save({ ...conn, target: { ...conn.target, serverUrl: `http://127.0.0.1:${port}` } as typeof conn.target, retry: { ...conn.retry, maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 20 } });
  await page.reload();
  const card = app.dashboard.card(EXPENSIFY);
  await expect(card.getByTestId('connection-status')).toHaveText('Active');
  await card.getByRole('button', { name: 'Sync now' }).click();
  await expect(card.getByTestId('connection-status')).toHaveText('Last sync failed', { timeout: 60_000 });
  await expect(card.getByTestId('connection-status')).toHaveCSS('background-color', 'rgb(179, 38, 30)');
  const run = store.runs.last('demo-expensify-x3')!;
  expect(run.status).toBe('failed');
  await expect(card.getByTestId('failure-reason')).toContainText(run.error!.slice(0, 40));
  // Said once: next to the red status, not again in the Last sync line.
  await expect(card).toContainText(/Failed .*ago \(reason above\)/);
  await app.screenshot('dashboard-last-run-failed');
});

test('a running sync shows its phase and counts on the card, and they go when it finishes', async ({ app, page, serving }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const id = serving.serving.demoConnectionId!;
  const card = app.dashboard.card(/^Northwind demo: Concur → Sage X3$/);
  await expect(card).toContainText('Never synced');
  // What the engine pushes while a long sync runs (every 200 ms at most); the card shows it as it comes.
  const emit = serving.core.runtime.events;
  emit.emit({ type: 'run.progress', payload: { runId: 'r-long', connectionId: id, phase: 'post', fetched: 1200, posted: 800, held: 37, failed: 2, skipped: 0 } });
  const progress = card.getByRole('status', { name: 'Sync progress' });
  await expect(progress).toContainText('Posting to the ERP · 1200 read, 800 posted, 37 held, 2 failed');
  await expect(card.getByRole('button', { name: 'Syncing…' })).toBeDisabled();
  // The bar shows how far: 839 of 1200 settled.
  await expect(progress.locator('.progress-fill-determinate')).toHaveAttribute('style', /width: 70%/);
  await app.screenshot('dashboard-sync-progress');
  emit.emit({ type: 'run.progress', payload: { runId: 'r-long', connectionId: id, phase: 'confirm', fetched: 1200, posted: 1161, held: 37, failed: 2, skipped: 0 } });
  await expect(progress).toContainText('Confirming the postings back to Concur · 1200 read, 1161 posted, 37 held, 2 failed');
  const at = new Date().toISOString();
  emit.emit({ type: 'run.finished', payload: { runId: 'r-long', connectionId: id, trigger: 'manual', dryRun: false, startedAt: at, finishedAt: at, status: 'succeeded', fetched: 1200, posted: 1161, held: 37, failed: 2, skipped: 0, recovered: 0, wouldPost: 0, deferred: 0, linked: 0, wouldLink: 0, error: null } });
  await expect(progress).toHaveCount(0);
  await expect(card.getByRole('button', { name: 'Sync now' })).toBeEnabled();
});
