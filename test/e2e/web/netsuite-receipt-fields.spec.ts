// NetSuite receipts travel over SOAP with token-based authentication, so the NetSuite form shows, next to the
// OAuth 2.0 fields, the consumer key and token id (their secrets in the credentials panel) and the File Cabinet
// folder receipts go to. The demo NetSuite connection has all of them.
import { expect, test } from '../fixtures';

test('the NetSuite connection form shows the receipt sign-in and folder, the secrets only as saved', async ({ app, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await app.go('Connections');
  await page.getByRole('complementary', { name: 'Connections' }).getByRole('button', { name: /Oracle NetSuite/ }).first().click();
  await expect(app.connections.field('Receipt folder (internal ID)')).toHaveValue('512');
  await expect(app.connections.field('Consumer key')).not.toHaveValue('');
  await expect(app.connections.field('Token ID')).not.toHaveValue('');
  await app.connections.field('Receipt folder (internal ID)').scrollIntoViewIfNeeded();
  await app.screenshot('netsuite-receipt-fields-1366');
  // With the folder and token-based sign-in set, receipts are attached: no warning in the Receipts group.
  const receipts = page.getByRole('group', { name: 'Receipts' });
  await expect(receipts).toContainText('fetched from the source after each post and attached in the ERP');
  // Without a folder the form says, before any sync, what each receipt would say.
  await app.connections.field('Receipt folder (internal ID)').fill('');
  await expect(receipts).toContainText('NetSuite: receipts are not attached — no File Cabinet folder is set for them');
  await receipts.scrollIntoViewIfNeeded();
  await app.screenshot('netsuite-receipt-no-folder-1366');
  await app.connections.field('Receipt folder (internal ID)').fill('512');
  // The consumer and token secrets are write-only: said saved, never shown.
  const body = await page.locator('body').innerText();
  for (const label of ['consumer secret', 'token secret']) expect(body.toLowerCase()).toContain(label);
  await page.getByText(/token secret/i).first().scrollIntoViewIfNeeded();
  await app.screenshot('netsuite-receipt-secrets-1366');
});
