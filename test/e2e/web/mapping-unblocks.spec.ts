// Issue item 5: fixing a mapping leads back to the held reports it unblocks, and replays just those.
import { expect, test } from '../fixtures';

test('item 5: after mapping WELLN the screen offers to replay the held reports that use it', async ({ app, page, serving }) => {
  const id = serving.serving.demoConnectionId!;
  await serving.core.sync(id, { actor: 'e2e' });
  const store = serving.core.runtime.store;
  const usingWelln = store.postings.list({ connectionId: id, status: 'held', limit: 1000 }).filter((r) => r.reasons_json.includes('"subject":"WELLN"'));
  expect(usingWelln.length).toBeGreaterThan(0);
  await page.goto(page.url().replace(/#.*$/, '') + '#/mappings?kind=expense_type&q=WELLN');
  await app.mappings.typeInto('WELLN', 'target', '6470', /^647000/);
  await expect(app.mappings.cell('WELLN', 'target')).toContainText('647000');
  await app.mappings.typeInto('WELLN', 'dim:costCenter', 'CC600');
  await expect(app.mappings.cell('WELLN', 'dim:costCenter')).toContainText('CC600');
  const banner = page.getByRole('status', { name: 'Held reports unblocked' });
  await expect(banner).toContainText(`${usingWelln.length} held ${usingWelln.length === 1 ? 'report uses' : 'reports use'} WELLN`);
  await app.screenshot('mappings-unblocks-held');
  await banner.getByRole('button', { name: /Replay/ }).click();
  await expect(banner).toContainText(/Replayed \d+: \d+ posted/, { timeout: 60_000 });
  const posted = usingWelln.filter((r) => store.postings.get(r.id)!.status === 'posted').length;
  expect(posted).toBeGreaterThan(0);
});
