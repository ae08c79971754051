// A failed refresh of the ERP's reference data is on the connection card (not only in the log): the sync
// went on against the copy kept from before, and the accountant is told so with the reason.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect, test } from '../fixtures';

test('the card says the ERP reference data was not refreshed in the last sync, with the reason', async ({ app, page, serving }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const id = serving.serving.demoConnectionId!;
  await serving.core.sync(id, { actor: 'e2e' });
  await page.reload();
  await expect(app.dashboard.card()).toContainText('Last sync');
  await expect(app.dashboard.card().getByTestId('reference-warning')).toHaveCount(0);

  // The ERP goes away: a port that refuses connections.
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const store = serving.core.runtime.store;
  const conn = store.connections.get(id)!;
  store.connections.save({ ...conn, target: { ...conn.target, serverUrl: `http://127.0.0.1:${port}` } as typeof conn.target, retry: { ...conn.retry, maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 20 } });
  const run = await serving.core.sync(id, { actor: 'e2e' });
  expect(run.referenceRefreshError).toBeTruthy();
  await page.reload();
  const warning = app.dashboard.card().getByTestId('reference-warning');
  await expect(warning).toContainText('ERP reference data');
  await expect(warning).toContainText('checked against the copy kept from before');
  await expect(warning).toContainText(run.referenceRefreshError!.slice(0, 30));
  await app.screenshot('dashboard-reference-not-refreshed');
});
