// Issue 15: the mapping grid's Tax codes tab. A tax code seen in the source and never mapped is pinned on top;
// mapping it to an ERP tax code and a recoverable-VAT account saves; an account the ERP lacks is flagged.
import { expect, test } from '../fixtures';
import { taxMappings } from '../../../main/demo/connection-parts';

test('Tax codes tab: the unmapped source code is pinned, maps to an ERP tax code and VAT account, a wrong account is flagged', async ({ app, page, serving }) => {
  const id = serving.serving.demoConnectionId!;
  // Reading X3's reference data fills the cache (the chart of accounts) the grid checks cells against.
  await serving.core.handlers('e2e')['reference.refresh']({ connectionId: id });
  const store = serving.core.runtime.store;
  store.mappings.upsert(id, taxMappings([['FR20', 'French VAT 20 %', 'FRS', '445660'], ['FR10', 'French VAT 10 %', 'FRI', '445660'], ['CHHOTEL', 'Swiss hotel VAT (not reclaimable)', 'FRN', '']]), 'e2e');
  store.mappings.noteSeen(id, 'tax_code', 'DE19', 'DEVAT 19 %');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(page.url().replace(/#.*$/, '') + '#/mappings?kind=tax_code');
  await expect(page.getByRole('tab', { name: 'Tax codes' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('columnheader', { name: /Recoverable VAT account/ })).toBeVisible();
  const first = app.mappings.grid().locator('[role=row][data-testid^="mapping-row-"]').first();
  await expect(first).toHaveAttribute('data-testid', 'mapping-row-DE19');
  await expect(page.getByText('1 not mapped')).toBeVisible();

  await app.mappings.typeInto('DE19', 'target', 'FRS');
  await expect(app.mappings.cell('DE19', 'target')).toContainText('FRS');
  await app.mappings.typeInto('DE19', 'dim:vatAccount', '445999');
  await expect(app.mappings.cell('DE19', 'dim:vatAccount')).toHaveClass(/check-unknown/);
  await app.mappings.typeInto('DE19', 'dim:vatAccount', '445660');
  await expect(app.mappings.cell('DE19', 'dim:vatAccount')).toHaveClass(/check-ok/);
  await app.mappings.typeInto('CHHOTEL', 'dim:recoverable', 'no');
  await expect(app.mappings.cell('CHHOTEL', 'dim:recoverable')).toContainText('no');
  await expect.poll(() => store.mappings.get(id, 'tax_code', 'DE19')).toMatchObject({ target: 'FRS', dimensions: { vatAccount: '445660' } });
  expect(store.mappings.get(id, 'tax_code', 'CHHOTEL')?.dimensions).toEqual({ recoverable: 'no' });
  await app.screenshot('mappings-tax-codes-1366');

  // The CSV export carries the tax rows with their VAT account column, so the round trip keeps working.
  const { csv } = await serving.core.handlers('e2e')['mappings.exportCsv']({ connectionId: id });
  expect(csv).toMatch(/tax_code,DE19,DEVAT 19 %,FRS,/);
  expect(csv.split('\n')[0]).toMatch(/vatAccount/);
});
