// Issue item 11 on the Audit screen: date filters typed the French way (jj/mm/aaaa), checked, the chosen period
// shown in the locale, and a bad date refused with a clear message instead of being read as something else.
import { expect, test } from '../fixtures';

test.describe('French accountant', () => {
  test.use({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1366, height: 768 } });

  test('Audit dates: jj/mm/aaaa, the period in French, a bad date refused with what to type', async ({ app, page, serving }) => {
    test.setTimeout(180_000);
    await serving.core.sync(serving.serving.demoConnectionId!, { actor: 'e2e' });
    await app.go('Audit');
    const from = page.getByLabel('From', { exact: true });
    const to = page.getByLabel('To', { exact: true });
    await expect(from).toHaveAttribute('placeholder', 'jj/mm/aaaa');
    await expect(app.audit.rows().first()).toBeVisible();
    const all = await app.audit.rows().count();
    expect(all).toBeGreaterThan(0);

    // The events are from today: 31 days before today up to today keeps them; tomorrow on removes them.
    // Days as the page sees them: in Paris (between 23:00 and 24:00 UTC, Paris is already on the next day).
    const fr = (d: Date) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
    const today = new Date();
    const tomorrow = new Date(today.getTime() + 86_400_000);
    await from.fill(fr(new Date(today.getTime() - 31 * 86_400_000)));
    await to.fill(fr(today));
    await expect(page.getByTestId('audit-period')).toContainText(`from ${fr(new Date(today.getTime() - 31 * 86_400_000))} to ${fr(today)}`);
    await expect(app.audit.rows()).toHaveCount(all);
    await to.fill('');
    await from.fill(fr(tomorrow));
    await expect(page.getByTestId('audit-period')).toContainText(`since ${fr(tomorrow)}`);
    await expect(page.getByRole('table', { name: 'Audit events' })).toContainText('No events match these filters.');

    // 31 February: refused, said so, and the period in force is the last good one.
    await from.fill('31/02/2026');
    const alert = page.getByRole('alert', { name: 'Date filter' });
    await expect(alert).toContainText('From: "31/02/2026" is not a day of the calendar: type the date as jj/mm/aaaa (for example 06/12/2026)');
    await expect(alert).toContainText(`Not applied; the period in force: since ${fr(tomorrow)}`);
    await expect(from).toHaveAttribute('aria-invalid', 'true');
    await app.screenshot('fr-7-audit-bad-date');
    await from.fill('06/12/26');
    await expect(alert).toContainText('the year needs four digits');
    await from.fill('');
    await expect(alert).toHaveCount(0);
    await expect(app.audit.rows()).toHaveCount(all);

    // From after To: said so, not applied.
    await from.fill(fr(tomorrow));
    await to.fill(fr(today));
    await expect(alert).toContainText('is after "To"');
    await expect(app.audit.rows()).toHaveCount(all);
  });
});
