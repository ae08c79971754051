// The Reconciliation screen on the demo company: the month's totals side by side per currency, every
// difference in a category with 0 unexplained, links to the held item and the audit trail; and the
// dashboard's amounts.
import { expect, test } from '../fixtures';

const EXPENSIFY = 'demo-expensify-x3';

test.beforeEach(async ({ serving }) => {
  await serving.core.sync(serving.serving.demoConnectionId!, { actor: 'e2e' });
  await serving.core.sync(EXPENSIFY, { actor: 'e2e' });
});

test('the demo month reconciles: totals per currency, categories, 0 unexplained, links to held items and the audit trail', async ({ app, page }) => {
  // Seven connections read from three places each (X3: one look-up per posted report) on a shared machine.
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(page.url().replace(/#.*$/, '') + '#/reconciliation?period=2026-10');
  const x3 = page.getByRole('region', { name: 'Reconciliation Northwind demo: Concur → Sage X3' });
  await expect(x3.getByTestId('unexplained')).toHaveText('0 unexplained', { timeout: 200_000 });
  await expect(page.getByTestId('recon-connection')).toHaveCount(7);
  for (const u of await page.getByTestId('unexplained').allInnerTexts()) expect(u).toBe('0 unexplained');
  const totals = x3.getByRole('table', { name: /^Totals / });
  await expect(totals.getByRole('row', { name: /^EUR / })).toContainText('€');
  await expect(x3.getByRole('button', { name: /^Held \d+$/ })).toBeVisible();
  await expect(x3.getByText(/Partial/).first()).toBeVisible();
  // Concur v3 lists the month itself now; the partial comes from the X3 side (presence only).
  await expect(x3.getByText(/read now/).first()).toBeVisible();
  await app.screenshot('reconciliation-1366');

  await x3.getByRole('button', { name: /^Held \d+$/ }).click();
  const firstHeld = x3.getByRole('table', { name: /^Differences / }).locator('tbody tr').first();
  await expect(firstHeld).toHaveAttribute('data-category', 'held');
  const sourceId = (await firstHeld.locator('.mono').innerText()).trim();
  await firstHeld.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page).toHaveURL(new RegExp(`#/audit\\?connection=.*sourceId=${sourceId}`));
  await page.goBack();
  await x3.getByRole('button', { name: /^Held \d+$/ }).click();
  await x3.getByRole('table', { name: /^Differences / }).locator('tbody tr').first().getByRole('link', { name: 'Held item' }).click();
  await expect(page).toHaveURL(/#\/held\?connection=demo-concur-x3&status=held/);
});

test('a future month is refused with a clear message; the dashboard shows amounts per currency', async ({ app, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(page.url().replace(/#.*$/, '') + '#/reconciliation?period=2999-01');
  await expect(page.getByText(/in the future/)).toBeVisible();
  await page.goto(page.url().replace(/#.*$/, '') + '#/dashboard');
  await page.getByLabel('Month of the amounts').fill('2026-10');
  const card = app.dashboard.card(/^Northwind demo: Concur → Sage X3$/);
  await expect(card.getByTestId('posted-amount')).toContainText('€');
  await expect(card.getByTestId('held-amount')).toContainText('€');
  await app.screenshot('dashboard-amounts-1366');
});
