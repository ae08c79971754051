// Re-dating a held post whose period is closed (issue 14 item 4): the demo's August report is held by
// Sage X3's refusal, named "August 2026 is closed"; a date in the closed month is refused with a clear message,
// a date in September is taken, and the replay posts it on that date under the same key.
import { expect, test } from '../fixtures';

const FIS_X3 = 'demo-concur-fis-x3';
const AUGUST_REPORT = 'NWFPEXP000001';

test('the Held detail re-dates a post held for a closed period, then Replay posts it on the new date', async ({ app, page, serving }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await serving.core.sync(FIS_X3, { actor: 'e2e' });
  const row = serving.core.runtime.store.postings.list({ connectionId: FIS_X3, status: 'held', limit: 1000 }).find((r) => r.source_id === AUGUST_REPORT);
  expect(row, 'the demo holds the August report').toBeTruthy();

  await page.goto(page.url().replace(/#.*$/, '') + `#/held?connection=${FIS_X3}`);
  await page.getByLabel('Search').fill(AUGUST_REPORT);
  await app.held.open();
  const detail = app.held.detail();
  await expect(detail).toContainText('August 2026 is closed in Sage X3');
  const form = detail.getByRole('form', { name: 'Re-date' });
  const field = form.getByLabel('Post it in an open period, dated', { exact: true });
  await expect(field).toBeVisible();
  // The locale's own order (mm/dd/yyyy in this English browser): a day that does not exist is refused as typed.
  await expect(field).toHaveAttribute('placeholder', 'mm/dd/yyyy');
  await field.fill('08/32/2026');
  await expect(form.getByRole('alert')).toContainText('"08/32/2026" is not a day of the calendar: type the date as mm/dd/yyyy');
  await expect(form.getByRole('button', { name: 'Re-date', exact: true })).toBeDisabled();

  await field.fill('08/31/2026');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByRole('button', { name: 'Re-date', exact: true }).click();
  await expect(form).toContainText('August 2026 is closed in Sage X3 (it refused this document for that period)');
  await field.fill('09/29/2026');
  await form.getByRole('button', { name: 'Re-date', exact: true }).click();
  await expect(form.getByRole('status')).toContainText('Re-dated to');
  await expect(form.getByRole('status')).toContainText('Replay it to post');
  await app.screenshot('held-redate-1366');

  await detail.getByRole('button', { name: 'Replay' }).click();
  await expect(detail).toContainText(/Posted to the ERP as \S+/);
  const after = serving.core.runtime.store.postings.get(row!.id)!;
  expect(after.status).toBe('posted');
  expect(after.idempotency_key).toBe(row!.idempotency_key);
  expect(JSON.parse(after.plan_json!).postingDate).toBe('2026-09-29');
  const audit = serving.core.runtime.store.audit.list({ connectionId: FIS_X3, action: 'redate', limit: 10 });
  expect(audit.map((a) => a.message).join('\n')).toContain('to 2026-09-29 by');
});
