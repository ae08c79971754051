// `ml-connector demo`: starts the simulated systems, sets up the demo company (Concur → Sage X3 and its US
// subsidiary Concur → Sage Intacct), syncs every demo connection and says what happened: posts, holds with
// their reasons, and how to fix and replay them.
import type { RunSummary } from '../../shared/schemas/run';
import type { Core } from '../core/create-core';
import { money, progressPrinter, summaryLine, table } from '../cli/output';
import { DEMO_CONNECTION_ID, DEMO_CONNECTION_IDS, startDemoSystems } from './systems';
import { correctDemoReport } from './changed-report';

export interface DemoOptions {
  dataDir: string;
  json: boolean;
  out: (s: string) => void;
  err: (s: string) => void;
}

const SUMS = ['fetched', 'posted', 'held', 'failed', 'skipped', 'recovered'] as const;

export async function runDemo(core: Core, o: DemoOptions): Promise<number> {
  const demo = await startDemoSystems(core, o.dataDir);
  const bar = progressPrinter(process.stderr);
  const unsubscribe = core.subscribe((e) => bar.onEvent(e));
  const { store } = core.runtime;
  try {
    const runs: RunSummary[] = [];
    for (const id of DEMO_CONNECTION_IDS) if (store.connections.get(id)) runs.push(await core.sync(id, { trigger: 'demo', actor: 'demo' }));
    // A processor corrects a report already posted; the next sync shows it under "Changes after posting".
    // Its run is not in the summary: the connection's line stays about the approved reports it read.
    if (correctDemoReport(store, demo.concur, false)) await core.sync(DEMO_CONNECTION_ID, { trigger: 'demo', actor: 'demo' });
    bar.done();
    const totalsOf = (id: string) => {
      const c = store.postings.counts(id);
      return { posted: c.posted, held: c.held, failed: c.failed + c.uncertain + c.pending + c.sending, dismissed: c.dismissed };
    };
    const totals = { posted: 0, held: 0, failed: 0, dismissed: 0 };
    for (const r of runs) for (const [k, v] of Object.entries(totalsOf(r.connectionId))) totals[k as keyof typeof totals] += v;
    const failed = runs.some((r) => r.status === 'failed');
    if (o.json) {
      const sum = Object.fromEntries(SUMS.map((k) => [k, runs.reduce((s, r) => s + r[k], 0)]));
      o.out(
        JSON.stringify(
          {
            status: failed ? 'failed' : 'succeeded',
            ...sum,
            totals,
            erpDocuments: demo.erpDocumentCount(),
            changedAfterPosting: store.changes.list({ status: 'unresolved', limit: 100_000 }).length,
            fixedMappingsCsv: demo.fixedMappingsPath,
            connections: runs.map((r) => ({ ...r, totals: totalsOf(r.connectionId) })),
          },
          null,
          2,
        ),
      );
      return failed ? 1 : 0;
    }
    for (const r of runs) o.out(summaryLine(r));
    const changes = store.changes.list({ status: 'unresolved', limit: 100_000 });
    if (changes.length) o.out(`Changed after posting, waiting for a decision: ${changes.map((c) => `#${c.id} ${c.source_id} (${money(c.before_total_minor !== null && c.currency ? { amountMinor: c.before_total_minor, currency: c.currency } : null)} → ${money(c.total_minor !== null && c.currency ? { amountMinor: c.total_minor, currency: c.currency } : null)})`).join(', ')} — see "npx ml-connector --data-dir ${o.dataDir} changes list" or the Changes screen.`);
    o.out(`In total: ${totals.posted} posted, ${totals.held} held, ${totals.failed} failed; the simulated ERP ledgers hold ${demo.erpDocumentCount()} documents.`);
    const held = store.postings.list({ status: 'held', limit: 100_000 });
    if (held.length) {
      const dir = `--data-dir ${o.dataDir}`;
      o.out(`\nHeld (first 15 of ${held.length}):`);
      o.out(table([['ID', 'CONNECTION', 'REPORT', 'AMOUNT', 'WHY'], ...held.slice(0, 15).map((r) => [String(r.id), r.connection_id, r.source_id, money(r.total_minor !== null && r.currency ? { amountMinor: r.total_minor, currency: r.currency } : null), [...new Set((JSON.parse(r.reasons_json) as Array<{ message: string }>).map((x) => x.message))].join(' | ')])], [3]));
      const byConnection = new Map<string, number>();
      for (const r of held) byConnection.set(r.connection_id, (byConnection.get(r.connection_id) ?? 0) + 1);
      o.out('\nNext steps:');
      for (const [id, n] of byConnection) {
        if (id === DEMO_CONNECTION_ID) {
          o.out(`  ${id} (${n} held): the demo ships the missing mappings. Import them, then replay:`);
          o.out(`    npx ml-connector ${dir} mappings import ${demo.fixedMappingsPath} --connection ${id}`);
          o.out(`    npx ml-connector ${dir} held replay --all --connection ${id}`);
        } else {
          o.out(`  ${id} (${n} held): problems in the source data (see WHY). Fix them at the source and sync again, or dismiss each with a reason:`);
          o.out(`    npx ml-connector ${dir} held list --connection ${id}`);
          o.out(`    npx ml-connector ${dir} held dismiss <ID> --reason "…"`);
        }
      }
      o.out(`  Or do all of it in the app's screens: npx ml-connector ${dir} serve`);
    }
    return failed ? 1 : 0;
  } finally {
    unsubscribe();
    bar.done();
    await demo.stop();
  }
}

