// Receipts on a document (issue 15, item 4): a held report lists its receipt as waiting for the post; once it
// posts and the next sync runs the receipt queue, the same detail shows what became of it and why.
import { dispatch } from '../../../main/core/dispatch';
import { expect, test } from '../fixtures';

test('a document shows its receipts and their states: waiting before the post, then the outcome with its reason', async ({ app, page, serving }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const conn = serving.serving.demoConnectionId!;
  await serving.core.sync(conn, { actor: 'e2e' });
  const held = serving.core.runtime.store.postings.list({ connectionId: conn, status: 'held', limit: 1000 });
  const row = held.find((r) => JSON.parse(r.reasons_json ?? '[]').every((x: { code: string; subject?: string }) => x.code === 'NEEDS_MAPPING' && x.subject === 'COWRK'));
  expect(row, 'a report held only for COWRK').toBeTruthy();

  await page.goto(page.url().replace(/#.*$/, '') + `#/held?connection=${conn}`);
  await page.getByLabel('Search').fill(row!.source_id);
  await app.held.rows().first().click();
  const detail = app.held.detail();
  const receipts = detail.getByRole('region', { name: 'Receipts' });
  await expect(receipts).toContainText(`concur-report-${row!.source_id}`);
  await expect(receipts).toContainText('Waiting');
  await expect(receipts).toContainText('Waits for the document to post');

  await dispatch(serving.core, 'mappings.upsert', { connectionId: conn, rows: [{ kind: 'expense_type', sourceCode: 'COWRK', sourceName: 'Coworking space', target: '625800', dimensions: { costCenter: 'CC500' } }] }, 'e2e');
  await detail.getByRole('button', { name: 'Replay' }).click();
  await expect(detail).toContainText(/Posted to the ERP as \S+/);
  // The next sync works the receipt queue; Sage X3 takes no attachments through its documented APIs.
  await serving.core.sync(conn, { actor: 'e2e' });
  await expect(receipts).toContainText('Skipped');
  await expect(receipts).toContainText('Sage X3: attachments not supported through the documented APIs');
  await expect(receipts).toBeInViewport();
  await app.screenshot('receipts-on-document-1366');

  const audit = serving.core.runtime.store.audit.list({ limit: 5000 }).filter((e) => e.action === 'receipt' && e.sourceId === row!.source_id);
  expect(audit.map((e) => e.outcome)).toEqual(['skipped']);
});
