// ml-connector CLI: the headless twin of the desktop app. Builds the same core and calls it through dispatch.
// Every failure goes through one error path (cli/errors.ts): exit 2 for usage, 1 otherwise, one line on stderr.
import { parseCli, USAGE } from './cli/args';
import { UsageError } from './cli/args';
import { runCommand } from './cli/commands';
import { cliOwner, runOnFolder } from './cli/demo-folder';
import { describeCliError } from './cli/errors';
import { withWriter } from './cli/lease';
import { runRestore } from './cli/restore';
import { runServe } from './cli/serve';
import type { Core } from './core/create-core';
import { redact } from './core/redact';
import { rebindSecrets } from './core/secrets/secret-store';
import { StoreDamagedError } from './core/store/integrity';
import { runDemo } from './demo/run-demo';
import { defaultDataDir } from './host/data-dir';
import { DEMO_ACTIVITY } from './host/demo-host';
import { createHeadlessCore } from './host/headless-core';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
}

const processIo = (): CliIo => ({ out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n'), env: process.env });
const HINT = 'Run "ml-connector --help" for the commands and their options.';

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const { out, err } = io;
  const debug = argv.includes('--debug');
  const report = (e: unknown): number => {
    const r = describeCliError(e, debug, HINT);
    for (const line of r.lines) err(line);
    return r.exitCode;
  };
  let parsed;
  try {
    parsed = parseCli(argv);
  } catch (e) {
    return report(e);
  }
  const { positionals, flags } = parsed;
  if (flags.help || positionals.length === 0) {
    out(USAGE);
    return positionals.length === 0 && !flags.help ? 2 : 0;
  }
  const dataDir = flags['data-dir'] ?? defaultDataDir(io.env);
  // restore works on a damaged or missing database, so before any core opens it.
  if (positionals[0] === 'restore') {
    try {
      return await runRestore(dataDir, positionals[1], { out, err, owner: cliOwner(positionals) });
    } catch (e) {
      return report(e);
    }
  }
  let core: Core;
  try {
    const built = createHeadlessCore({ dataDir, echo: err, env: io.env, owner: cliOwner(positionals) });
    core = built.core;
    if (built.keyNotice) err(built.keyNotice);
  } catch (e) {
    if (e instanceof StoreDamagedError) err(e.message);
    else err(`Cannot open the data folder ${dataDir}: ${firstLine(e instanceof Error ? e.message : String(e))}`);
    if (debug && e instanceof Error && e.stack) err(e.stack);
    return 1;
  }
  try {
    // Envelopes written before secrets were bound to their connection and name are re-sealed once.
    // (Ones another backend or key sealed stay as they are; using them says to enter them again.)
    await rebindSecrets(core.runtime.store, core.runtime.cipher);
    if (positionals[0] === 'demo') return await withWriter(core, DEMO_ACTIVITY, () => runDemo(core, { dataDir, json: flags.json ?? false, out, err }));
    if (positionals[0] === 'serve') {
      const port = flags.port === undefined ? 0 : Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${flags.port}"`);
      return await runServe(core, { dataDir, port, out, err });
    }
    // On a demo data folder, commands that reach the simulated systems start them inside the writer lease.
    return await runOnFolder(core, dataDir, positionals, () => runCommand(core, positionals, flags, out, io.env));
  } catch (e) {
    return report(e);
  } finally {
    await core.close().catch(() => undefined);
  }
}

const firstLine = (text: string): string => redact((text.split(/\r?\n/).find((l) => l.trim()) ?? text).trim());
