// The demo company end to end: first run → Sync now (live progress) → held posts → fix mappings by typing
// and by pasting a block from Excel → Replay all → nothing held. Screenshots of every screen on the way.
import { expect, test } from '../fixtures';
import type { BrowserGlobals } from '../browser-globals';

test('first run: sync, fix the mappings, replay, nothing held', async ({ app, page }) => {
  await expect(app.nav().getByRole('link')).toHaveText(['Dashboard', 'Connections', 'Mappings', 'Held', 'Audit', 'Reconciliation', 'Changes after posting']);
  await expect(app.dashboard.card()).toContainText('Never synced');
  await app.screenshot('01-dashboard-first-run');

  await page.evaluate(() => {
    const w = globalThis as unknown as BrowserGlobals;
    w.progressEvents = 0;
    w.mlc.onEvent((e) => void (e.type === 'run.progress' && w.progressEvents++));
  });
  await app.dashboard.syncButton().click();
  await expect(app.dashboard.syncButton()).toHaveText('Sync now', { timeout: 60_000 });
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as BrowserGlobals).progressEvents)).toBeGreaterThan(0);
  await expect.poll(() => app.dashboard.countValue('Held')).toBeGreaterThan(0);
  expect(await app.dashboard.countValue('Posted')).toBeGreaterThan(100);
  await app.screenshot('02-dashboard-after-sync');

  await app.go('Held');
  await expect(app.held.rows().first()).toBeVisible();
  const reasons = await app.held.table().getByTestId('held-reason').allInnerTexts();
  for (const r of ['Expense type not mapped', 'Inactive dimension value', 'Unknown supplier']) expect(reasons.join('\n')).toContain(r);
  await app.screenshot('03-held-list');
  await app.held.filterReason('Expense type not mapped');
  await app.held.open(0);
  await expect(app.held.detail()).toContainText('What is wrong');
  await expect(app.held.detail()).toContainText('Planned posting');
  await app.screenshot('04-held-detail');
  const fix = app.held.detail().getByRole('link', { name: /^Map expense type (COWRK|WELLN)$/ }).first();
  const code = (await fix.innerText()).split(' ').pop()!;
  await fix.click();

  // Typing, with the autocomplete from X3's chart of accounts and cost centers.
  await expect(page.getByRole('heading', { level: 1, name: 'Mappings' })).toBeVisible();
  // One column per dimension type of the demo's X3 structure, in ledger order.
  await expect(app.mappings.grid().getByRole('columnheader')).toHaveText(['Expense type', 'Name', 'GL account', 'Cost center', 'Department', 'Project']);
  const fixes: Record<string, [string, string]> = { COWRK: ['625800', 'CC500'], WELLN: ['647000', 'CC600'] };
  const [account, cc] = fixes[code]!;
  await app.mappings.typeInto(code, 'target', account.slice(0, 4), new RegExp(`^${account}`));
  await expect(app.mappings.cell(code, 'target')).toContainText(account);
  await app.mappings.typeInto(code, 'dim:costCenter', cc);
  await expect(app.mappings.cell(code, 'dim:costCenter')).toContainText(cc);

  // Pasting a block copied from Excel: code, name, account, cost center.
  await app.mappings.filter('');
  const other = code === 'COWRK' ? 'WELLN' : 'COWRK';
  await app.mappings.cell('SUBSC', 'sourceCode').click();
  await app.mappings.paste(`${other}\t${other === 'COWRK' ? 'Coworking space' : 'Wellness allowance'}\t${fixes[other]![0]}\t${fixes[other]![1]}\r\nSUBSC\tSoftware subscription\t651100\tCC300\r\n`);
  await expect(app.mappings.status()).toContainText('Saved: paste of 2 rows');
  // The grid stays scrolled at SUBSC; the banner offering to replay the unblocked reports takes some height.
  await app.mappings.filter(other);
  await expect(app.mappings.cell(other, 'target')).toContainText(fixes[other]![0]);
  await app.mappings.filter('SUBSC');
  await expect(app.mappings.cell('SUBSC', 'dim:costCenter')).toContainText('CC300');
  await expect(app.mappings.cell('SUBSC', 'dim:costCenter')).not.toContainText('inactive');
  await app.screenshot('05-mappings-expense-types');

  await app.mappings.tab('Employees');
  await app.mappings.filter('V-EMP017');
  await expect(app.mappings.firstRowCell('target')).toContainText('not in ERP');
  await app.mappings.firstRowCell('target').click();
  await page.keyboard.press('Enter');
  await app.mappings.editor().fill('V-EMP17');
  await page.keyboard.press('Escape');
  await expect(app.mappings.editor()).toHaveCount(0);
  await page.keyboard.press('F2');
  await app.mappings.editor().fill('V-EMP17');
  await page.keyboard.press('Enter');
  await app.mappings.filter('V-EMP17');
  await expect(app.mappings.firstRowCell('target')).toContainText('V-EMP17');
  await expect(app.mappings.firstRowCell('target')).not.toContainText('not in ERP');
  await app.screenshot('06-mappings-employees');

  await app.go('Held');
  await app.held.replayAll();
  await expect(app.held.summary()).toContainText('Results:', { timeout: 60_000 });
  await expect(app.held.summary()).not.toContainText('still held');
  await expect.poll(() => app.held.heldCount()).toBe(0);
  await expect(app.held.table().getByTestId('held-result').first()).toContainText('Posted');
  await app.screenshot('07-held-after-replay');

  await app.go('Dashboard');
  await expect.poll(() => app.dashboard.countValue('Held')).toBe(0);
  await app.screenshot('08-dashboard-all-posted');

  await app.go('Audit');
  await expect(app.audit.rows().first()).toBeVisible();
  await app.screenshot('09-audit');
  // More than one page of events: older ones load below, the newest stay on top.
  await expect(app.page.getByRole('status').filter({ hasText: /^500 events, .* shown \(older ones: Load older\)/ })).toBeVisible();
  const newest = await app.audit.rows().first().textContent();
  await app.page.getByRole('button', { name: /Load 500 older/ }).click();
  await expect(app.page.getByRole('status').filter({ hasText: /\b(5\d\d|[6-9]\d\d|1,0\d\d) events/ })).toBeVisible();
  await expect(app.audit.rows()).not.toHaveCount(500);
  expect(await app.audit.rows().first().textContent()).toBe(newest);
  await app.audit.filterAction('replay');
  await expect(app.audit.rows().first()).toContainText('replay');
  await app.audit.filterAction('post');
  await app.audit.filterStatus('posted');
  await expect(app.audit.rows().first()).toContainText('posted');
  const csv = await app.audit.exportCsv();
  expect(csv.split('\n')[0]).toContain('sourceId');
  expect(csv.split('\n').length).toBeGreaterThan(100);
});
