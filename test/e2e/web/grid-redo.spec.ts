// Issue item 7 (part): the mapping grid redoes what was undone (Ctrl+Y), and the audit line of a mapping
// change names the old account and dimensions.
import { expect, test } from '../fixtures';

test('item 7: Ctrl+Z then Ctrl+Y redoes the edit; the audit line keeps the old dimensions', async ({ app, page, serving }) => {
  await serving.core.sync(serving.serving.demoConnectionId!, { actor: 'e2e' });
  await page.goto(page.url().replace(/#.*$/, '') + '#/mappings?kind=expense_type&q=SUBSC');
  const before = await app.mappings.cell('SUBSC', 'dim:costCenter').locator('.cell-code').innerText();
  await app.mappings.typeInto('SUBSC', 'dim:costCenter', 'CC500');
  await expect(app.mappings.cell('SUBSC', 'dim:costCenter')).toContainText('CC500');
  await page.keyboard.press('Control+z');
  await expect(app.mappings.status()).toContainText('Undone: SUBSC');
  await expect(app.mappings.cell('SUBSC', 'dim:costCenter')).toContainText(before);
  await page.keyboard.press('Control+y');
  await expect(app.mappings.status()).toContainText('Redone: SUBSC');
  await expect(app.mappings.cell('SUBSC', 'dim:costCenter')).toContainText('CC500');
  const audit = serving.core.runtime.store.audit.list({ connectionId: serving.serving.demoConnectionId!, limit: 5 }).filter((e) => e.action === 'mapping_change');
  expect(audit[0]!.message).toMatch(new RegExp(`SUBSC.*CC500.*\\(was \\S+ \\[costCenter=${before}`));
});

test('item 7: a column header sorts the grid like Excel (ascending, descending, default)', async ({ app, page, serving }) => {
  await serving.core.sync(serving.serving.demoConnectionId!, { actor: 'e2e' });
  await page.goto(page.url().replace(/#.*$/, '') + '#/mappings?kind=expense_type');
  const header = app.mappings.grid().getByRole('columnheader', { name: 'GL account' });
  const firstCode = () => app.mappings.grid().locator('[role=row][data-testid^="mapping-row-"]').first().getAttribute('data-testid');
  const defaultFirst = await firstCode();
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const targets = await app.mappings.grid().locator('[data-testid$="-target"] .cell-code').allInnerTexts();
  expect(targets.filter(Boolean)).toEqual([...targets.filter(Boolean)].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'none');
  expect(await firstCode()).toBe(defaultFirst);
});
