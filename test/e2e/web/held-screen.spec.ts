// The Held screen tried as a new user would (issue items 1, 4, 8, 9, 10): every connection at once, a detail
// that fits and says what happened, search and export, the keyboard, and the words.
import readXlsxFile from 'read-excel-file/node';
import { dispatch } from '../../../main/core/dispatch';
import type { BrowserGlobals } from '../browser-globals';
import { expect, test } from '../fixtures';

const EXPENSIFY = 'demo-expensify-x3';
// Each test first syncs two demo connections (343 documents): more than the default on a loaded machine.
test.describe.configure({ timeout: 180_000 });

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
  // The table is virtualised: it declares every row (plus its header) to assistive technology, renders a window.
  await expect(page.getByRole('table', { name: 'Held posts' })).toHaveAttribute('aria-rowcount', String(expensifyHeld + 1));
  await expect(app.held.rows().first()).toBeVisible();
  await expect(page.getByText('Nothing held')).toHaveCount(0);

  const badge = Number(await app.nav().getByRole('link', { name: /^Held/ }).locator('.nav-count').innerText());
  await page.goto(page.url().replace(/#.*$/, '') + '#/held');
  await expect(app.held.summary()).toContainText('in all connections');
  // The summary shows "0 held in all connections" for a moment while the list loads: wait for the figure.
  await expect.poll(() => app.held.heldCount()).toBe(badge);
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

test('item 9: one Tab stop for the whole list, the detail takes the focus and Escape gives it back', async ({ app, page, serving }) => {
  await page.goto(page.url().replace(/#.*$/, '') + `#/held?connection=${serving.serving.demoConnectionId}`);
  await expect(app.held.rows().first()).toBeVisible();
  await page.getByRole('button', { name: 'Replay all' }).focus();
  // Replay all → Select all → the first row: two Tabs, whatever the number of rows.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(app.held.rows().first()).toBeFocused();
  // Tab leaves the list instead of walking through every row's checkbox and link.
  await page.keyboard.press('ArrowDown');
  await expect(app.held.rows().nth(1)).toBeFocused();
  const second = await app.held.rows().nth(1).getAttribute('data-testid');
  await page.keyboard.press('Enter');
  await expect(app.held.detail()).toBeFocused();
  // Close, the link to the mapping to fix, then Replay: at most three Tabs.
  const replay = app.held.detail().getByRole('button', { name: 'Replay' });
  for (let i = 0; i < 3 && !(await replay.evaluate((el) => el === (globalThis as unknown as BrowserGlobals).document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(replay).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(app.held.detail()).toHaveCount(0);
  await expect(page.getByTestId(second!)).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Replay selected (1)' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.locator('tbody tr[data-row]:focus')).toHaveCount(0);
});

test('item 8: search finds amounts, reason text and names; the reason filter lists only reasons present; held export', async ({ app, page, serving }) => {
  await page.goto(page.url().replace(/#.*$/, '') + '#/held');
  await expect(app.held.rows().first()).toBeVisible();
  const total = await app.held.heldCount();
  const options = await page.getByLabel('Reason').locator('option').allInnerTexts();
  expect(options.length).toBeLessThan(8);
  expect(options.slice(1).every((o) => /\(\d+\)$/.test(o))).toBe(true);
  const store = serving.core.runtime.store;
  const one = store.postings.list({ connectionId: serving.serving.demoConnectionId!, status: 'held', limit: 1 })[0]!;
  const search = page.getByLabel('Search');
  // The amount as an accountant types it, with or without grouping.
  const major = Math.floor(one.total_minor! / 100);
  await search.fill(`${major}.${String(one.total_minor! % 100).padStart(2, '0')}`);
  await expect(app.held.rows()).toHaveCount(1);
  await expect(app.held.rows().first()).toContainText(one.source_id);
  // Words of the reason's message, not only its label.
  await search.fill('no GL account mapped');
  expect(await app.held.heldCount()).toBeGreaterThan(0);
  await expect(app.held.rows().first()).toContainText('Expense type not mapped');
  // An Expensify report by its connection's name.
  await search.fill('Expensify');
  expect(await app.held.heldCount()).toBeGreaterThan(0);
  expect(await app.held.heldCount()).toBeLessThan(total);
  await search.fill('');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const csv = (await import('node:fs')).readFileSync(file, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv.trim().split('\r\n')).toHaveLength(total + 1);
  expect(csv).toContain('Grégoire');

  // The same rows as .xlsx, built by the core: amounts are numbers that add up to the held total.
  await search.fill('Expensify');
  const shown = await app.held.heldCount();
  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export xlsx' }).click();
  const got = await xlsxDownload;
  expect(got.suggestedFilename()).toMatch(/\.xlsx$/);
  const [sheet] = await readXlsxFile((await import('node:fs')).readFileSync((await got.path())!));
  const [header, ...body] = sheet!.data;
  expect(header![4]).toBe('Amount');
  expect(body).toHaveLength(shown);
  expect(body.every((r) => typeof r[4] === 'number' && String(r[0]).includes('Expensify'))).toBe(true);
  const minor = body.reduce((n, r) => n + Math.round((r[4] as number) * 100), 0);
  const ids = new Set(body.map((r) => String(r[1])));
  const all = await serving.core.handlers('e2e')['postings.list']({ connectionId: EXPENSIFY, limit: 100_000 });
  expect(minor).toBe(all.filter((p) => ids.has(p.sourceId)).reduce((n, p) => n + p.total!.amountMinor, 0));
  expect(minor).toBeGreaterThan(0);
});

test('item 10: the words an accountant reads', async ({ app, page, serving }) => {
  const id = serving.serving.demoConnectionId!;
  await serving.core.sync(id, { actor: 'e2e' });
  await page.reload();
  const card = app.dashboard.card();
  // A second sync reads one document it already knows: it says so, and does not sit as "1 read, 0 posted".
  await expect(card).toContainText(/already handled in an earlier sync|nothing new in Concur/);
  await expect(card).not.toContainText(/\d+ read, 0 posted/);
  await page.goto(page.url().replace(/#.*$/, '') + `#/held?connection=${id}`);
  await app.held.rows().first().click();
  const detail = app.held.detail();
  await expect(detail).toContainText('What is wrong');
  await expect(detail).not.toContainText('Idempotency key');
  const reasons = await detail.locator('.reasons li').allInnerTexts();
  expect(new Set(reasons).size).toBe(reasons.length);
  await detail.getByLabel(/dismiss it/).fill('posted by hand in X3');
  await detail.getByRole('button', { name: 'Dismiss' }).click();
  await expect(detail).toContainText('Dismissed: posted by hand in X3');
  await expect(app.held.summary()).toContainText('Results: 1 dismissed');
  await expect(app.held.summary()).not.toContainText('replay');
});
