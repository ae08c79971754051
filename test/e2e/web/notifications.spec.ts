// Desktop notifications through the bridge: opt-in on the dashboard, then a scheduled sync that holds new
// items and a failed sync each show a browser Notification (the 'notice' event of the contract).
import { expect, test } from '../fixtures';

test('notices become browser notifications once the user turns them on', async ({ app, page, serving, context }) => {
  await context.grantPermissions(['notifications'], { origin: new URL(page.url()).origin });
  await page.addInitScript(() => {
    type Ctor = new (title: string, options?: { body?: string }) => object;
    const w = globalThis as unknown as { Notification: Ctor; shown: string[] };
    const Real = w.Notification;
    w.shown = [];
    class Recording extends Real {
      constructor(title: string, options?: { body?: string }) {
        super(title, options);
        w.shown.push(`${title} | ${options?.body ?? ''}`);
      }
    }
    // Keep the static permission/requestPermission the app reads.
    Object.setPrototypeOf(Recording, Real);
    w.Notification = Recording;
  });
  await page.reload();
  const toggle = page.getByLabel(/Desktop notifications/);
  await toggle.check();
  await expect(toggle).toBeChecked();
  // A scheduled sync of the Expensify connection holds new reports.
  await serving.core.sync('demo-expensify-x3', { actor: 'scheduler', trigger: 'schedule' });
  const shown = () => page.evaluate(() => (globalThis as unknown as { shown: string[] }).shown);
  await expect.poll(shown, { timeout: 30_000 }).toContainEqual(expect.stringMatching(/^\d+ new held items: Northwind demo: Expensify → Sage X3 \| /));
  await app.screenshot('dashboard-notifications-on');
});
