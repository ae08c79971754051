// The Held screen tried as a new user would (issue items 1, 4, 8, 9, 10): every connection at once, a detail
// that fits and says what happened, search and export, the keyboard, and the words.
import { dispatch } from '../../../main/core/dispatch';
import { expect, test } from '../fixtures';

const EXPENSIFY = 'demo-expensify-x3';

test.beforeEach(async ({ serving }) => {
  await serving.core.sync(serving.serving.demoConnectionId!, { actor: 'e2e' });
  await serving.core.sync(EXPENSIFY, { actor: 'e2e' });
});

test('item 1: the Held count on a card opens that connection, the sidebar opens all connections', async ({ app, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.reload();
  const card = app.dashboard.card(/^Northwind demo: Expensify → Sage X3$/);
  const expensifyHeld = Number(((await card.getByLabel(/^Held: /).getAttribute('aria-label')) ?? '').split(': ')[1]);
  expect(expensifyHeld).toBeGreaterThan(0);
  await card.getByLabel(/^Held: /).click();
  await expect(app.held.summary()).toContainText(`${expensifyHeld} held in Northwind demo: Expensify → Sage X3`);
  await expect(app.held.rows()).toHaveCount(expensifyHeld);
  await expect(page.getByText('Nothing held')).toHaveCount(0);

  const badge = Number(await app.nav().getByRole('link', { name: /^Held/ }).locator('.nav-count').innerText());
  await page.goto(page.url().replace(/#.*$/, '') + '#/held');
  await expect(app.held.summary()).toContainText('in all connections');
  expect(await app.held.heldCount()).toBe(badge);
  await expect(app.held.table().getByRole('columnheader', { name: 'Connection' })).toBeVisible();
  await app.screenshot('held-all-connections-1366');
});

test('item 4: the detail shows Debit and Credit, the result of a replay, and a post that went through says so', async ({ app, page, serving }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  // A held report that posts once its expense type is mapped.
  const held = serving.core.runtime.store.postings.list({ connectionId: serving.serving.demoConnectionId!, status: 'held', limit: 1000 });
  const row = held.find((r) => JSON.parse(r.reasons_json ?? '[]').every((x: { code: string; subject?: string }) => x.code === 'NEEDS_MAPPING' && x.subject === 'COWRK'));
  expect(row, 'a report held only for COWRK').toBeTruthy();
  const withPlan = held.find((r) => r.plan_json !== null);
  expect(withPlan, 'a held report with a planned posting').toBeTruthy();
  await page.goto(page.url().replace(/#.*$/, '') + `#/held?connection=${serving.serving.demoConnectionId}`);
  const search = page.getByLabel('Search');
  await search.fill(withPlan!.source_id);
  await app.held.rows().first().click();
  const detail = app.held.detail();
  await expect(detail.getByRole('columnheader', { name: 'Credit' })).toBeInViewport({ ratio: 1 });
  const box = await detail.boundingBox();
  const table = await detail.locator('table').boundingBox();
  expect(table!.x + table!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
  await app.screenshot('held-detail-1366');

  await search.fill(row!.source_id);
  await app.held.rows().first().click();
  await expect(detail).toContainText(row!.source_id);
  await dispatch(serving.core, 'mappings.upsert', { connectionId: serving.serving.demoConnectionId!, rows: [{ kind: 'expense_type', sourceCode: 'COWRK', sourceName: 'Coworking space', target: '625800', dimensions: { costCenter: 'CC500' } }] }, 'e2e');
  await detail.getByRole('button', { name: 'Replay' }).click();
  await expect(detail).toContainText(/Posted to the ERP as \S+/);
  await expect(detail).not.toContainText('Nothing is wrong any more');
  await expect(detail.getByRole('button', { name: 'Replay' })).toHaveCount(0);
  await expect(app.held.table().getByTestId('held-result').first()).toBeVisible();
  await expect(app.held.table().getByTestId('held-result').first()).toContainText('Posted');
});
