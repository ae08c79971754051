// The Changes after posting screen: a report corrected in Concur after it was posted shows in the nav badge,
// on the dashboard with amounts, and side by side (posted with its ERP id against the new version, the
// difference per account); the accountant posts the difference and sees the adjustment's ERP id.
import { correctDemoReport } from '../../../main/demo/changed-report';
import { expect, test } from '../fixtures';

test.beforeEach(async ({ serving }) => {
  const id = serving.serving.demoConnectionId!;
  await serving.core.sync(id, { actor: 'e2e' });
  expect(correctDemoReport(serving.core.runtime.store, serving.serving.demo!.concur, false)).toBe(true);
  await serving.core.sync(id, { actor: 'e2e' });
});

test('a report changed after posting: badge, dashboard amounts, side by side, post the difference', async ({ app, page, serving }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.reload();
  const badge = app.nav().getByTestId('changes-badge');
  await expect(badge).toHaveText('1');
  const card = app.dashboard.card(/Concur → Sage X3$/).first();
  await expect(card.getByTestId('changes-count')).toContainText('1 changed after posting');
  await expect(card.getByTestId('changes-count')).toContainText('367.90');
  await expect(card.getByTestId('changes-count')).toContainText('380.40');
  await app.screenshot('changes-dashboard-1366');

  await app.nav().getByRole('link', { name: /^Changes after posting/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Changes after posting' }).waitFor();
  const table = page.getByTestId('changes-table');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  const posted = serving.core.runtime.store.postings.list({ connectionId: serving.serving.demoConnectionId!, status: 'posted', limit: 100_000 }).at(-1)!;
  await expect(table).toContainText(posted.erp_id!);
  // One change: its detail opens by itself.
  const before = page.getByTestId('change-before');
  const after = page.getByTestId('change-after');
  await expect(before).toContainText(`ERP ${posted.erp_id}`);
  await expect(before).toContainText('367.90');
  await expect(after).toContainText('380.40');
  const diff = page.getByTestId('change-differences');
  await expect(diff.locator('tr.diff-row')).toHaveCount(2);
  await expect(diff).toContainText('+12.50');
  await expect(diff).toContainText('−12.50');
  // Both sides fit next to each other at 1366 px.
  const b = await before.boundingBox();
  const a = await after.boundingBox();
  expect(a!.x).toBeGreaterThan(b!.x + b!.width - 1);
  expect(a!.x + a!.width).toBeLessThanOrEqual(1366);
  await app.screenshot('changes-side-by-side-1366');

  // Accept needs a reason; adjusting by difference posts one journal of 12.50 to X3, once.
  await expect(page.getByRole('button', { name: 'Accept without posting' })).toBeDisabled();
  const x3Before = serving.serving.demo!.x3.state.documentCount();
  await page.getByLabel(/Post the difference per account/).check();
  await page.getByRole('button', { name: 'Post adjustment' }).click();
  await expect(page.getByTestId('change-resolution')).toContainText('Adjusted by');
  await expect(badge).toHaveCount(0);
  expect(serving.serving.demo!.x3.state.documentCount()).toBe(x3Before + 1);
  await page.getByLabel('Show').selectOption('adjusted');
  await expect(page.getByTestId('change-adjustments')).toContainText('Difference');
  await expect(page.getByTestId('change-adjustments')).toContainText('posted');
  await expect(page.getByTestId('change-adjustments')).toContainText('12.50');
  await page.getByTestId('change-adjustments').scrollIntoViewIfNeeded();
  await app.screenshot('changes-adjusted-1366');
});
