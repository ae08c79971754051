// Connections: a failing test names the step and the cause; secrets are write-only, and no contract
// response seen by the connection screens ever carries a secret value.
import { expect, test } from '../fixtures';

const DEMO_SECRETS = ['sim-client-secret-7f3a9b', 'demo-concur-password', 'demo-x3-password'];

test('a failing connection test shows a precise message, and no secret reaches the renderer', async ({ app, page, serving }) => {
  await app.go('Connections');
  await expect(app.connections.field('Name')).toHaveValue(/Northwind demo/);
  await app.connections.testButton().click();
  await expect(app.connections.testResult()).toHaveText('Connection works: both systems answered.', { timeout: 30_000 });
  await app.screenshot('10-connections');

  const wrong = 'Wrong-Pa55word-e2e';
  await app.connections.setSecret('Sage X3 password', wrong);
  await app.connections.testButton().click();
  await expect(app.connections.testResult()).toContainText('Connection test failed — Sage X3', { timeout: 30_000 });
  await expect(app.connections.testResult()).toContainText(/401|refused|password|credentials/i);
  await expect(app.connections.testSteps().filter({ hasText: 'Concur' }).first()).toHaveClass(/step-ok/);
  await app.screenshot('11-connections-test-failed');

  // Schedule settings per connection, saved through the same form.
  await app.connections.field('Sync').selectOption('daily');
  await app.connections.field('At (local time)').fill('06:30');
  await app.connections.save();
  await expect(app.connections.field('At (local time)')).toHaveValue('06:30');

  // Password fields never show a stored value.
  for (const input of await page.locator('input[type=password]').all()) await expect(input).toHaveValue('');
  const bodies = serving.rpcBodies.join('\n');
  expect(bodies).toContain('/rpc/connections.list');
  expect(bodies).toContain('/rpc/connections.test');
  for (const secret of [...DEMO_SECRETS, wrong]) expect(bodies, `response leaked ${secret}`).not.toContain(secret);
});

test('item 6: Test connection tests the form as typed; credentials the sign-in method does not use are not "Missing"', async ({ app, page }) => {
  await app.go('Connections');
  await expect(app.connections.field('Name')).toHaveValue(/Northwind demo/);
  // Basic sign-in: the X3 OAuth2 client secret, connected-app secret and X3 Services secrets are not needed.
  const missing = page.locator('form.secret-row').filter({ hasText: 'Missing' });
  await expect(missing).toHaveCount(0);
  await expect(page.getByText(/Not needed with these sign-in settings/)).toBeVisible();
  // Choosing OAuth2 in the form (not saved) asks for the client secret, which is missing.
  await app.connections.field('Sign-in (SOAP and api1)').selectOption('oauth2');
  await expect(missing).toHaveCount(1);
  await app.connections.field('Sign-in (SOAP and api1)').selectOption('basic');

  // A wrong server URL typed but not saved: the test uses it and fails; the saved settings are untouched.
  const url = app.connections.field('Server URL');
  const saved = await url.inputValue();
  await url.fill('http://127.0.0.1:9');
  await expect(page.getByText('Tests the settings as typed below, before you save them.')).toBeVisible();
  await app.connections.testButton().click();
  await expect(app.connections.testResult()).toContainText('Connection test failed (settings as typed, not saved) — Sage X3', { timeout: 30_000 });
  await app.screenshot('connections-test-unsaved');
  await url.fill(saved);
  await app.connections.testButton().click();
  await expect(app.connections.testResult()).toHaveText('Connection works: both systems answered.', { timeout: 30_000 });
});
