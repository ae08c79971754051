// Concur → Sage X3 end to end: a posted report changed in Concur shows up as a change (list, show), the handlers
// and the CLI adjust it exactly once or accept it with a reason, and a later change appears again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from '../../../main/cli/commands';
import type { World } from '../../helpers/world';
import { startWorld } from '../../helpers/world';

/** Raises the first entry of a posted report by `cents` in the simulated Concur, as an approver's correction would. */
function changeInConcur(w: World, reportId: string, cents: number, at: number): void {
  const entries = (w.demo.concur.state as unknown as { entries: Map<string, Array<Record<string, unknown>>> }).entries.get(reportId)!;
  entries[0]!.ApprovedAmount = Math.round((Number(entries[0]!.ApprovedAmount) * 100 + cents)) / 100;
  w.demo.concur.state.touch(reportId, at);
}

async function cli(w: World, args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCommand(w.core, args.filter((a) => !a.startsWith('--')), { ...(args.includes('--json') ? { json: true } : {}), ...Object.fromEntries(args.flatMap((a, i) => (a.startsWith('--') && a !== '--json' ? [[a.slice(2), args[i + 1]]] : []))) }, (s) => lines.push(s));
  return { code, text: lines.join('\n') };
}

test('a report changed after posting: listed with amounts, shown side by side, adjusted once, changed again → a new change', async (t) => {
  const w = await startWorld(t, { reports: 6, allMapped: true });
  await w.core.sync(w.demo.connectionId, { actor: 'test' });
  const h = w.core.handlers('ana');
  const posted = await h['postings.list']({ connectionId: w.demo.connectionId, status: 'posted' });
  assert.equal(posted.length, 6);
  const one = posted[0]!;
  const erpBefore = w.demo.x3.state.documentCount();

  changeInConcur(w, one.sourceId, 1234, Date.UTC(2027, 0, 1));
  const run = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(run.posted, 0);
  assert.equal(w.demo.x3.state.documentCount(), erpBefore, 'nothing posted by the sync');

  const [c] = await h['changes.list']({ status: 'unresolved' });
  assert.ok(c);
  assert.equal(c.sourceId, one.sourceId);
  assert.equal(c.erpId, one.erpId);
  assert.equal(c.after!.amountMinor - c.before!.amountMinor, 1234);
  assert.deepEqual(c.modes, ['reverse', 'difference']);
  const counts = await h['changes.counts']({});
  assert.deepEqual(counts.map((x) => [x.connectionId, x.count, x.afterMinor - x.beforeMinor]), [[w.demo.connectionId, 1, 1234]]);

  const shown = await cli(w, ['changes', 'show', String(c.id)]);
  assert.match(shown.text, new RegExp(`posted as ${one.erpId}`));
  assert.match(shown.text, /Difference per account/);
  assert.match(shown.text, /12\.34/);
  const listed = await cli(w, ['changes', 'list']);
  assert.match(listed.text, new RegExp(one.sourceId));

  await assert.rejects(cli(w, ['changes', 'adjust', String(c.id), '--mode', 'sideways']), /--mode must be reverse or difference/);
  const adjusted = await cli(w, ['changes', 'adjust', String(c.id), '--mode', 'difference']);
  assert.equal(adjusted.code, 0);
  assert.match(adjusted.text, /adjusted \(difference\): difference /);
  assert.equal(w.demo.x3.state.documentCount(), erpBefore + 1);
  const detail = await h['changes.get']({ id: c.id });
  assert.equal(detail.status, 'adjusted');
  assert.equal(detail.resolvedBy, 'cli', 'the CLI acts as "cli"');
  assert.equal(detail.adjustmentPlans[0]!.plan.totalMinor, 1234);
  assert.ok(detail.adjustments[0]!.erpId);
  // Already adjusted: refused, nothing posted again.
  await assert.rejects(h['changes.adjust']({ id: c.id }), /already adjusted/);
  assert.equal(w.demo.x3.state.documentCount(), erpBefore + 1);
  assert.equal((await h['changes.counts']({})).length, 0);

  // A sync with nothing new changes nothing; a second change appears again, measured against the adjusted version.
  await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal((await h['changes.list']({ status: 'unresolved' })).length, 0);
  changeInConcur(w, one.sourceId, -500, Date.UTC(2027, 0, 2));
  await w.core.sync(w.demo.connectionId, { actor: 'test' });
  const [second] = await h['changes.list']({ status: 'unresolved' });
  assert.ok(second);
  assert.deepEqual([second.seq, second.before!.amountMinor, second.after!.amountMinor], [2, c.after!.amountMinor, c.after!.amountMinor - 500]);
  await assert.rejects(cli(w, ['changes', 'accept', String(second.id)]), /needs --reason/);
  const accepted = await cli(w, ['changes', 'accept', String(second.id), '--reason', 'Refund booked by hand in X3']);
  assert.match(accepted.text, /accepted as it is by cli/);
  assert.equal(w.demo.x3.state.documentCount(), erpBefore + 1);
  const trail = await h['audit.list']({ sourceId: one.sourceId, limit: 100 });
  assert.ok(trail.some((e) => e.action === 'change_accept' && e.actor === 'cli' && /Refund booked by hand/.test(e.message)));
  assert.ok(trail.some((e) => e.action === 'change_adjust' && e.outcome === 'adjusted' && e.actor === 'cli'));
  assert.equal((await h['postings.get']({ id: one.id })).erpId, one.erpId, 'the posted row keeps its ERP id');
});
