// The Held screen with thousands of held posts: only the rows in view (plus a margin) are in the DOM, the
// summary still counts and adds up all of them, and the keyboard reaches rows that were not rendered yet.
import { formatMoney } from '../../../renderer/components/format';
import { doc } from '../../helpers/docs';
import { expect, test } from '../fixtures';

const N = 5000;
const sourceId = (i: number) => `BULK${String(i).padStart(5, '0')}`;

test(`${N} held posts: a window of rows in the DOM, the whole count and total, End and Home reach both ends`, async ({ app, page, serving }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const store = serving.core.runtime.store;
  const id = serving.serving.demoConnectionId!;
  let totalMinor = 0;
  store.db.transaction(() => {
    for (let i = 1; i <= N; i++) {
      totalMinor += 10_000 + i;
      const reasons = [{ code: 'NEEDS_MAPPING' as const, message: 'Expense type MEALS has no GL account mapped', subject: 'MEALS' }];
      store.postings.insert({ connectionId: id, doc: doc({ sourceId: sourceId(i), title: `Trip ${i}` }), key: `bulk-${i}`, contentHash: 'h', status: 'held', plan: null, reasons, total: { amountMinor: 10_000 + i, currency: 'EUR' } });
    }
  })();

  const started = Date.now();
  await page.goto(page.url().replace(/#.*$/, '') + `#/held?connection=${id}`);
  await expect(page.getByTestId(`held-row-${sourceId(1)}`)).toBeVisible();
  const shownAfter = Date.now() - started;
  const rows = app.held.rows();
  await expect.poll(() => app.held.heldCount()).toBe(N);
  await expect(page.getByTestId('held-total')).toContainText(formatMoney({ amountMinor: totalMinor, currency: 'EUR' }, 'en-US'));
  await expect(app.held.table()).toHaveAttribute('aria-rowcount', String(N + 1));
  const inDom = await rows.count();
  console.log(`[held-many] ${N} held: ${inDom} rows in the DOM, first row shown ${shownAfter} ms after navigation`);
  expect(inDom).toBeLessThan(200);
  await app.screenshot('held-many-1366');

  // One Tab stop; End reaches the last row although it was not rendered, Home the first again.
  await rows.first().focus();
  await page.keyboard.press('End');
  const last = page.getByTestId(`held-row-${sourceId(N)}`);
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport({ ratio: 1 });
  await expect(last).toHaveAttribute('aria-rowindex', String(N + 1));
  await expect(rows).not.toHaveCount(0);
  expect(await rows.count()).toBeLessThan(200);
  await app.screenshot('held-many-end-1366');
  await page.keyboard.press('Home');
  await expect(page.getByTestId(`held-row-${sourceId(1)}`)).toBeFocused();
  await expect(page.getByTestId(`held-row-${sourceId(1)}`)).toBeInViewport({ ratio: 1 });

  // The mouse wheel brings later rows in (and the earlier ones out).
  await page.getByTestId(`held-row-${sourceId(3)}`).hover();
  await page.mouse.wheel(0, 30_000);
  await expect.poll(async () => Number(await rows.last().getAttribute('data-index'))).toBeGreaterThan(400);
  expect(await rows.count()).toBeLessThan(200);
  await expect(page.getByTestId(`held-row-${sourceId(50)}`)).toHaveCount(0);
  await app.screenshot('held-many-scrolled-1366');

  // The current row stays rendered while scrolled away, so Tab still lands on it.
  await page.getByLabel('Select all').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId(`held-row-${sourceId(1)}`)).toBeFocused();

  // Back from the detail of a row far down: it has the focus again, in view.
  await page.keyboard.press('End');
  await expect(last).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(app.held.detail()).toContainText(sourceId(N));
  await page.keyboard.press('Escape');
  await expect(app.held.detail()).toHaveCount(0);
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport({ ratio: 1 });
});
