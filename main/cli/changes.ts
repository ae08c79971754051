// `changes list|show|adjust|accept`: documents changed at the source after posting, resolved only by an explicit choice.
import type { ChangeDetail, ChangeSummary } from '../../shared/schemas/change';
import type { PostingPlan } from '../../shared/schemas/plan';
import type { Core } from '../core/create-core';
import { formatMinor } from '../core/money/parse';
import type { Flags } from './args';
import { oneOf, UsageError } from './args';
import { call } from './call';
import { money, table } from './output';

type Out = (s: string) => void;

const changeId = (arg: string | undefined): number => {
  const n = Number(arg);
  if (!arg || !Number.isInteger(n) || n <= 0) throw new UsageError(`expected a change id (a number, see "changes list"), got "${arg ?? ''}"`);
  return n;
};

const erpIds = (c: ChangeSummary): string => c.adjustments.map((a) => `${a.role.replace('_', ' ')} ${a.erpId ?? `(${a.status})`}`).join(', ');

function planLines(title: string, plan: PostingPlan | null, out: Out): void {
  out(title);
  if (!plan) return out('  (no plan)');
  for (const l of plan.lines) out(`  ${l.side.padEnd(6)} ${l.account.padEnd(10)} ${formatMinor(l.amountMinor, plan.currency).padStart(12)} ${plan.currency}  ${Object.entries(l.dimensions).map(([k, v]) => `${k}=${v}`).join(' ')}${l.partner ? ` partner=${l.partner}` : ''}`);
}

function show(d: ChangeDetail, out: Out): void {
  out(`Change #${d.id} of ${d.sourceId} "${d.title}" (${d.connectionId}), change ${d.seq} after posting${d.changeKind === 'recalled' ? ', recalled in the source' : ''}, ${d.status}`);
  out(`  posted as ${d.erpId ?? 'unknown'}: ${money(d.before)} → now ${money(d.after)}; noticed ${d.detectedAt}`);
  planLines('Posted:', d.beforePlan, out);
  planLines(d.changeKind === 'recalled' ? 'New version: none (recalled in the source)' : 'New version:', d.afterPlan, out);
  const cur = d.afterPlan?.currency ?? d.beforePlan?.currency ?? '';
  out('Difference per account (net debit):');
  out(table([['ACCOUNT', 'DIMENSIONS', 'POSTED', 'NEW', 'DIFFERENCE'], ...d.differences.map((x) => [x.account, Object.entries(x.dimensions).map(([k, v]) => `${k}=${v}`).join(' ') + (x.partner ? ` partner=${x.partner}` : ''), formatMinor(x.beforeMinor, cur), formatMinor(x.afterMinor, cur), formatMinor(x.differenceMinor, cur)])], [2, 3, 4]));
  for (const r of d.reasons) out(`  ! ${r.code}: ${r.message}`);
  if (d.status === 'open') {
    if (d.modes.length) out(`Resolve: "changes adjust ${d.id} --mode ${d.modes.join('|')}" (default ${d.defaultMode}) or "changes accept ${d.id} --reason …"`);
    else out(`Resolve: "changes accept ${d.id} --reason …" — ${d.whyNoAdjustment ?? ''}`);
  } else if (d.status === 'adjusting') out(`An adjustment is under way (${erpIds(d)}): "changes adjust ${d.id}" finishes it; nothing is posted twice.`);
  else out(`${d.status} by ${d.resolvedBy ?? '?'} at ${d.resolvedAt ?? '?'}${d.reason ? `: ${d.reason}` : ''}${d.adjustments.length ? ` — ${erpIds(d)}` : ''}`);
}

export async function runChanges(core: Core, cmd: string[], flags: Flags, out: Out): Promise<number> {
  const [, sub, arg] = cmd;
  if (sub === 'list' || sub === undefined) {
    const status = oneOf(flags.status, '--status', ['open', 'adjusting', 'adjusted', 'accepted', 'unresolved', 'all'] as const, 'unresolved');
    const rows = await call(core, 'changes.list', { connectionId: flags.connection, status: status === 'all' ? undefined : status, limit: 100_000 });
    if (flags.json) out(JSON.stringify(rows, null, 2));
    else if (rows.length === 0) out(status === 'unresolved' ? 'No document changed after posting is waiting for a decision.' : `No ${status} changes.`);
    else out(table([['ID', 'CONNECTION', 'SOURCE', 'ERP ID', 'POSTED', 'NOW', 'STATUS'], ...rows.map((r) => [String(r.id), r.connectionId, r.sourceId, r.erpId ?? '', money(r.before), money(r.after), r.status === 'open' || r.status === 'adjusting' ? r.status : `${r.status}${r.adjustments.length ? ` (${erpIds(r)})` : ''}`])], [0, 4, 5]));
    return 0;
  }
  if (sub === 'show') {
    const d = await call(core, 'changes.get', { id: changeId(arg) });
    if (flags.json) out(JSON.stringify(d, null, 2));
    else show(d, out);
    return 0;
  }
  if (sub === 'adjust') {
    const mode = flags.mode === undefined ? undefined : oneOf(flags.mode, '--mode', ['reverse', 'difference'] as const, 'reverse');
    const r = await call(core, 'changes.adjust', { id: changeId(arg), mode });
    if (flags.json) out(JSON.stringify(r, null, 2));
    else out(`Change #${r.id} adjusted (${r.mode}): ${erpIds(r)}.`);
    return 0;
  }
  if (sub === 'accept') {
    if (!flags.reason) throw new UsageError('changes accept needs --reason "why the ledger stays as it is"');
    const r = await call(core, 'changes.accept', { id: changeId(arg), reason: flags.reason });
    out(flags.json ? JSON.stringify(r, null, 2) : `Change #${r.id} accepted as it is by ${r.resolvedBy ?? ''}; nothing posted.`);
    return 0;
  }
  throw new UsageError(`unknown changes command "${sub}"`);
}
