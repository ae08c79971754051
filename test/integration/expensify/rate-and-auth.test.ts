import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createExpensifySource } from '../../../main/core/adapters/expensify/adapter';
import { isConnectorError } from '../../../main/core/errors';
import { ENDPOINT } from '../../../main/simulators/expensify';
import type { ExpensifySimState } from '../../../main/simulators/expensify';
import { PARTNER, pullAll, startExpensifyFixture } from '../../helpers/expensify-context';

function seed(state: ExpensifySimState): void {
  state.addPolicy({ id: 'P1', name: 'EU', outputCurrency: 'EUR', categories: [{ name: 'Train' }], tags: [{ name: 'CC100' }] });
  for (let i = 1; i <= 3; i++) {
    state.addReport({ reportID: `R${i}`, policyID: 'P1', accountEmail: 'a@example.com', created: '2026-03-01 08:00:00', approved: '2026-03-02 08:00:00', expenses: [{ transactionID: `T${i}`, created: '2026-03-01', amount: 100 * i, currency: 'EUR', category: 'Train' }] });
  }
}

/** Another app using the same partner user (the budget is per partner, not per app). */
async function foreignCalls(url: string, n: number): Promise<void> {
  const body = new URLSearchParams({ requestJobDescription: JSON.stringify({ type: 'get', credentials: { partnerUserID: PARTNER.id, partnerUserSecret: PARTNER.secret }, inputSettings: { type: 'policyList' } }) });
  for (let i = 0; i < n; i++) await fetch(`${url}${ENDPOINT}`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }).then((r) => r.text());
}

test('the client-side window keeps a burst of 30 jobs within the documented limit: no 429 at all', async (t) => {
  const f = await startExpensifyFixture();
  t.after(() => f.stop());
  seed(f.sim.state);
  const source = createExpensifySource(f.settings(), f.ctx);
  const t0 = f.clock.t;
  await Promise.all(Array.from({ length: 15 }, () => source.listCategories()));
  assert.equal(f.sim.stats.count(), 30);
  assert.equal(f.sim.stats.count({ rateLimited: true }), 0);
  // 30 jobs at 20 per 60 s cannot finish before a minute has passed (virtual time).
  assert.ok(f.clock.t - t0 >= 60_000, `only ${f.clock.t - t0} ms passed`);
});

test('a rate-limit burst from elsewhere is survived with exponential backoff (HTTP 429, in-body and plain-text forms)', async (t) => {
  for (const style of ['http429', 'body', 'text'] as const) {
    const f = await startExpensifyFixture();
    t.after(() => f.stop());
    seed(f.sim.state);
    f.sim.faults.rateLimitStyle = style;
    await foreignCalls(f.url, 5);
    const docs = await pullAll(createExpensifySource(f.settings(), f.ctx).pull(null));
    assert.equal(docs.length, 3, style);
    assert.ok(f.sim.stats.count({ rateLimited: true }) >= 2, `${style}: expected 429s first`);
    const backoffs = f.clock.sleeps.filter((ms) => ms >= 1000);
    assert.ok(backoffs.length >= 2 && backoffs[1]! > backoffs[0]! / 2, `${style}: backoff grows (${backoffs.join(', ')})`);
    assert.ok(f.notes.some((n) => n.outcome === 'rate-limited'));
  }
});

test('a rate limit that never lifts gives up after maxAttempts with RATE_LIMITED', async (t) => {
  const f = await startExpensifyFixture();
  t.after(() => f.stop());
  seed(f.sim.state);
  f.sim.faults.rate429 = 1;
  await assert.rejects(pullAll(createExpensifySource(f.settings(), f.ctx).pull(null)), (e: unknown) => isConnectorError(e) && e.code === 'RATE_LIMITED' && /rate limiting/.test(e.message));
  assert.equal(f.sim.stats.count(), f.ctx.retry.maxAttempts);
});

test('bad credentials: a plain AUTH_FAILED naming the partner user id, and the secret appears nowhere', async (t) => {
  const wrong = 'wrong-secret-value-4471';
  const f = await startExpensifyFixture({ secret: wrong });
  t.after(() => f.stop());
  seed(f.sim.state);
  const source = createExpensifySource(f.settings(), f.ctx);
  let caught: unknown;
  await pullAll(source.pull(null)).catch((e: unknown) => (caught = e));
  assert.ok(isConnectorError(caught) && caught.code === 'AUTH_FAILED' && !caught.retryable);
  assert.match(caught.message, new RegExp(`"${PARTNER.id}"`));
  assert.equal(f.sim.stats.count(), 1, 'no retry of refused credentials');
  const steps = await source.test();
  assert.equal(steps[0]!.ok, false);
  const everything = [caught.message, JSON.stringify(caught.toPayload()), JSON.stringify(steps), JSON.stringify(f.notes), ...f.logs, JSON.stringify(f.sim.stats.log)].join('\n');
  for (const secret of [wrong, PARTNER.secret]) assert.ok(!everything.includes(secret), 'a secret leaked');

  const none = await startExpensifyFixture({ secret: null });
  t.after(() => none.stop());
  await assert.rejects(createExpensifySource(none.settings(), none.ctx).listCategories(), (e: unknown) => isConnectorError(e) && e.code === 'AUTH_FAILED' && /No Expensify partner user secret/.test(e.message));
  assert.equal(none.sim.stats.count(), 0);
});

test('HTML pages and broken JSON are reported as unreadable answers, not crashes', async (t) => {
  const f = await startExpensifyFixture();
  t.after(() => f.stop());
  seed(f.sim.state);
  const source = createExpensifySource(f.settings(), f.ctx);
  f.sim.faults.queue.push('html');
  await assert.rejects(source.listCategories(), (e: unknown) => isConnectorError(e) && e.code === 'REMOTE_PROTOCOL' && /HTML/.test(e.message));
  f.sim.faults.queue.push('badjson');
  await assert.rejects(source.listCategories(), (e: unknown) => isConnectorError(e) && e.code === 'REMOTE_PROTOCOL');
  f.sim.faults.queue.push('500', '500');
  assert.equal((await source.listCategories()).length, 1, '5xx pages are retried');
});
