// Receipt settings in the connection form (issue 15, item 4): a size or type the connector cannot take is said
// next to its field and keeps the form from saving; a valid change is saved and read back after a reload.
import { dispatch } from '../../../main/core/dispatch';
import { expect, test } from '../fixtures';

test('receipt settings: refused while invalid, saved in bytes once valid', async ({ app, page, serving }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await app.go('Connections');
  await expect(app.connections.field('Name')).toHaveValue(/Northwind demo/);
  const section = page.getByRole('group', { name: 'Receipts' });
  const enabled = section.getByLabel('Attach receipts to posted documents');
  await enabled.check();
  const size = section.getByLabel('Largest receipt (MB)');
  await size.fill('250');
  await expect(section.getByRole('alert')).toHaveText('Between 0.01 and 100 MB');
  for (const t of ['PDF', 'JPEG', 'PNG', 'TIFF']) await section.getByLabel(t, { exact: true }).uncheck();
  await expect(section.getByRole('alert')).toHaveCount(2);
  await expect(section).toContainText('Choose at least one file type');
  await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled();
  await section.scrollIntoViewIfNeeded();
  await app.screenshot('receipt-settings-invalid-1366');

  await size.fill('2.5');
  await section.getByLabel('PDF', { exact: true }).check();
  await section.getByLabel('PNG', { exact: true }).check();
  await expect(section.getByRole('alert')).toHaveCount(0);
  await app.connections.save();
  const conn = serving.serving.demoConnectionId!;
  const all = await dispatch(serving.core, 'connections.list', {}, 'e2e');
  const list = all.ok ? (all.data as Array<{ id: string; receipts?: unknown }>) : [];
  expect(list.find((c) => c.id === conn)?.receipts).toEqual({ enabled: true, maxBytes: 2_621_440, allowedTypes: ['pdf', 'png'] });
  await page.reload();
  await app.go('Connections');
  await expect(page.getByRole('group', { name: 'Receipts' }).getByLabel('Largest receipt (MB)')).toHaveValue('2.5');
  await section.scrollIntoViewIfNeeded();
  await app.screenshot('receipt-settings-saved-1366');
});
