// CLI commands other than demo: each prints for people, or JSON with --json, and returns an exit code.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Core } from '../core/create-core';
import { backupTo } from '../core/store/backups';
import type { Flags } from './args';
import { dateFlag, oneOf, UsageError } from './args';
import { call, CliError, pickConnection } from './call';
import { runAuthorize } from './authorize';
import { importConfig } from './config-import';
import { readInputText } from './input-files';
import { withWriter } from './lease';
import { runReconcile } from './reconcile';
import { runWebhooks } from './webhooks';
import { runChanges } from './changes';
import { money, progressPrinter, summaryLine, table } from './output';

type Out = (s: string) => void;

export async function runCommand(core: Core, cmd: string[], flags: Flags, out: Out, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, sub, arg] = cmd;
  switch (name) {
    case 'sync': {
      const ids = flags.connection ? [flags.connection] : (await call(core, 'connections.list', {})).filter((c) => c.status === 'active').map((c) => c.id);
      if (ids.length === 0) throw new CliError({ code: 'NOT_FOUND', message: 'No active connection to sync', retryable: false });
      const bar = progressPrinter(process.stderr);
      const unsubscribe = core.subscribe((e) => bar.onEvent(e));
      const results = [];
      try {
        for (const id of ids) results.push(await call(core, 'sync.run', { connectionId: id, dryRun: flags['dry-run'] ?? false }));
      } finally {
        unsubscribe();
        bar.done();
      }
      if (flags.json) out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
      else for (const r of results) {
        out(summaryLine(r));
        for (const p of r.preview ?? []) {
          out(`  ${p.outcome.padEnd(14)} ${p.sourceId}  ${money(p.total)}  ${p.title}${p.postingDate ? `  dated ${p.postingDate}` : ''}`);
          for (const l of p.lines) out(`      ${l.side.padEnd(6)} ${l.account.padEnd(10)} ${String(l.amountMinor).padStart(12)}  ${Object.entries(l.dimensions).map(([k, v]) => `${k}=${v}`).join(' ')}${l.partner ? ` partner=${l.partner}` : ''}`);
          for (const reason of p.reasons) out(`      ! ${reason.code}: ${reason.message}`);
        }
      }
      return results.some((r) => r.status === 'failed' || r.failed > 0) ? 1 : 0;
    }
    case 'held': {
      if (sub === 'list' || sub === undefined) {
        const status = oneOf(flags.status, '--status', ['held', 'failed'] as const, 'held');
        const rows = await call(core, 'postings.list', { connectionId: flags.connection, status, limit: 100_000 });
        if (flags.json) out(JSON.stringify(rows, null, 2));
        else if (rows.length === 0) out(`No ${status} posts.`);
        else out(table([['ID', 'SOURCE', 'PARTY', 'AMOUNT', 'REASON'], ...rows.map((r) => [String(r.id), r.sourceId, r.party ?? '', money(r.total), r.reasons.map((x) => `${x.code}: ${x.message}`).join(' | ')])], [3]));
        return 0;
      }
      if (sub === 'replay') {
        const res = flags.all
          ? await call(core, 'held.replay', { all: true, connectionId: flags.connection })
          : await call(core, 'held.replay', { ids: [toId(arg)] });
        if (flags.json) out(JSON.stringify(res, null, 2));
        else {
          const posted = res.filter((r) => r.status === 'posted').length;
          out(`Replayed ${res.length}: ${posted} posted, ${res.filter((r) => r.status === 'held').length} still held, ${res.filter((r) => r.status === 'failed').length} failed.`);
          for (const r of res.filter((x) => x.status !== 'posted')) out(`  ${r.id} ${r.connectionId} ${r.sourceId}: ${[...new Set([...r.reasons.map((x) => x.message), r.lastError?.message ?? ''].filter(Boolean))].join('; ')}`);
          out(replayNextStep(res));
        }
        return res.some((r) => r.status === 'failed') ? 1 : 0;
      }
      if (sub === 'dismiss') {
        if (!flags.reason) throw new UsageError('held dismiss needs --reason "why"');
        const r = await call(core, 'held.dismiss', { id: toId(arg), reason: flags.reason });
        out(`Dismissed ${r.id} (${r.sourceId}).`);
        return 0;
      }
      if (sub === 'redate') {
        if (!flags.date) throw new UsageError('held redate needs --date YYYY-MM-DD');
        const r = await call(core, 'held.redate', { id: toId(arg), date: flags.date });
        out(`Re-dated ${r.id} (${r.sourceId}) to ${flags.date}: replay it to post ("held replay ${r.id}").`);
        return 0;
      }
      throw new UsageError(`unknown held command "${sub}"`);
    }
    case 'mappings': {
      const connectionId = await pickConnection(core, flags.connection);
      if (sub === 'export') {
        const { csv } = await call(core, 'mappings.exportCsv', { connectionId });
        if (flags.out) writeFileSync(flags.out, csv);
        else out(csv.trimEnd());
        return 0;
      }
      if (sub === 'import') {
        if (!arg) throw new UsageError('mappings import needs a CSV file');
        const r = await call(core, 'mappings.importCsv', { connectionId, csv: readInputText(arg, 'mapping CSV') });
        out(`Imported ${r.rows} rows, ${r.changed} changed.`);
        return 0;
      }
      throw new UsageError(`unknown mappings command "${sub}"`);
    }
    case 'reference': {
      if (sub === 'push') {
        const r = await call(core, 'reference.push', { connectionId: await pickConnection(core, flags.connection) });
        out(flags.json ? JSON.stringify(r, null, 2) : r.message);
        return r.failed > 0 ? 1 : 0;
      }
      if (sub !== 'refresh') throw new UsageError('usage: reference refresh|push [--connection ID]');
      const r = await call(core, 'reference.refresh', { connectionId: await pickConnection(core, flags.connection) });
      out(flags.json ? JSON.stringify(r, null, 2) : `Reference data: ${Object.entries(r.counts).map(([k, n]) => `${n} ${k}`).join(', ')}`);
      return 0;
    }
    case 'audit': {
      const format = oneOf(flags.format, '--format', ['csv', 'json'] as const, 'csv');
      const since = dateFlag(flags.since, '--since');
      const until = dateFlag(flags.until, '--until');
      if (since && until && Date.parse(since) > Date.parse(until)) throw new UsageError(`--since ${since} is after --until ${until}`);
      const r = await call(core, 'audit.export', { format, since, until, connectionId: flags.connection, limit: 100_000 });
      if (flags.out) writeFileSync(flags.out, r.content);
      else out(r.content.trimEnd());
      return 0;
    }
    case 'connections': {
      if (sub === 'list' || sub === undefined) {
        const list = await call(core, 'connections.list', {});
        if (flags.json) out(JSON.stringify(list, null, 2));
        else out(table([['ID', 'NAME', 'SOURCE → TARGET', 'STATUS'], ...list.map((c) => [c.id, c.name, `${c.source.system} → ${c.target.system}`, c.status === 'paused' ? `paused: ${c.pausedReason ?? ''}` : 'active'])]));
        return 0;
      }
      if (sub === 'test') {
        const ids = arg ? [arg] : (await call(core, 'connections.list', {})).map((c) => c.id);
        let ok = true;
        for (const id of ids) {
          const r = await call(core, 'connections.test', { connectionId: id });
          ok &&= r.ok;
          if (flags.json) out(JSON.stringify({ connectionId: id, ...r }, null, 2));
          else {
            out(`${id}: ${r.ok ? 'OK' : 'FAILED'}`);
            for (const s of r.steps) out(`  ${s.ok ? '✓' : '✗'} ${s.step}: ${s.message}`);
          }
        }
        return ok ? 0 : 1;
      }
      if (sub === 'authorize') return runAuthorize(core, arg ?? (await pickConnection(core, flags.connection)), flags, out);
      throw new UsageError(`unknown connections command "${sub}"`);
    }
    case 'config': {
      if (sub !== 'import' || !arg) throw new UsageError('usage: config import <file.json>');
      const text = readInputText(arg, 'config file');
      const saved = await withWriter(core, 'importing connections into this data folder', () => importConfig(core, text, env));
      out(`Imported ${saved.length} connection${saved.length === 1 ? '' : 's'}: ${saved.join(', ')}`);
      return 0;
    }
    case 'webhooks':
      return runWebhooks(core, cmd, flags, out);
    case 'reconcile':
      return runReconcile(core, flags, out);
    case 'changes':
      return runChanges(core, cmd, flags, out);
    case 'backup': {
      const r = sub ? await backupTo(core.runtime.store.db, resolve(sub)) : await call(core, 'store.backup', {});
      out(`Backed up the database to ${r.path} (${r.bytes} bytes). Restore it with: npx ml-connector restore ${r.path}`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${name ?? ''}"`);
  }
}

function toId(arg: string | undefined): number {
  const n = Number(arg);
  if (!arg || !Number.isInteger(n) || n <= 0) throw new UsageError(`expected a posting id (a number), got "${arg ?? ''}"`);
  return n;
}

/** What to do after a replay, so it never just ends: nothing left, mappings to fix, or an ERP to wait for. */
export function replayNextStep(res: Array<{ status: string; connectionId: string }>): string {
  if (res.length === 0) return 'Nothing to replay: no held or failed posts. "npx ml-connector sync" reads new documents.';
  const held = res.filter((r) => r.status === 'held');
  const failed = res.filter((r) => r.status === 'failed');
  if (!held.length && !failed.length) return 'Done: nothing is held any more.';
  const steps: string[] = [];
  if (held.length) steps.push(`${held.length} still held: fix the mappings named above ("npx ml-connector mappings export --out mappings.csv", edit, "mappings import mappings.csv --connection ${held[0]!.connectionId}"), or dismiss a post with "held dismiss <ID> --reason …", then replay again`);
  if (failed.length) steps.push(`${failed.length} failed because the ERP did not accept or answer: they are retried on the next sync, or replay them once the ERP is back`);
  return `Next: ${steps.join('. ')}.`;
}
