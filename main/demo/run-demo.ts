// `ml-connector demo`: starts the simulated systems, sets up the demo company, runs one sync and says
// what happened: posts, holds with their reasons, and how to fix and replay them.
import type { Core } from '../core/create-core';
import { money, progressPrinter, summaryLine, table } from '../cli/output';
import { startDemoSystems } from './systems';

export interface DemoOptions {
  dataDir: string;
  json: boolean;
  out: (s: string) => void;
  err: (s: string) => void;
}

export async function runDemo(core: Core, o: DemoOptions): Promise<number> {
  const demo = await startDemoSystems(core, o.dataDir);
  const bar = progressPrinter(process.stderr);
  const unsubscribe = core.subscribe((e) => bar.onEvent(e));
  try {
    const run = await core.sync(demo.connectionId, { trigger: 'demo', actor: 'demo' });
    bar.done();
    const counts = core.runtime.store.postings.counts(demo.connectionId);
    const totals = { posted: counts.posted, held: counts.held, failed: counts.failed + counts.uncertain + counts.pending + counts.sending, dismissed: counts.dismissed };
    if (o.json) {
      o.out(JSON.stringify({ ...run, totals, erpDocuments: demo.erpDocumentCount(), fixedMappingsCsv: demo.fixedMappingsPath }, null, 2));
      return run.status === 'failed' ? 1 : 0;
    }
    o.out(summaryLine(run));
    o.out(`In total: ${totals.posted} posted, ${totals.held} held, ${totals.failed} failed; the simulated Sage X3 ledger holds ${demo.erpDocumentCount()} documents.`);
    const held = core.runtime.store.postings.list({ connectionId: demo.connectionId, status: 'held', limit: 15 });
    if (held.length) {
      o.out('\nHeld (first 15):');
      o.out(table([['ID', 'REPORT', 'AMOUNT', 'WHY'], ...held.map((r) => [String(r.id), r.source_id, money(r.total_minor !== null && r.currency ? { amountMinor: r.total_minor, currency: r.currency } : null), (JSON.parse(r.reasons_json) as Array<{ message: string }>).map((x) => x.message).join(' | ')])], [2]));
      o.out(`\nTo fix them: ml-connector --data-dir ${o.dataDir} mappings import ${demo.fixedMappingsPath}`);
      o.out(`then:        ml-connector --data-dir ${o.dataDir} held replay --all`);
    }
    return run.status === 'failed' ? 1 : 0;
  } finally {
    unsubscribe();
    bar.done();
    await demo.stop();
  }
}
