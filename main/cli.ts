// ml-connector CLI: the headless twin of the desktop app. Builds the same core and calls it through dispatch.
import { parseCli, USAGE, UsageError } from './cli/args';
import { CliError } from './cli/call';
import { runCommand } from './cli/commands';
import { cliOwner, runOnFolder } from './cli/demo-folder';
import { withWriter } from './cli/lease';
import { runRestore } from './cli/restore';
import { runServe } from './cli/serve';
import { StoreDamagedError } from './core/store/integrity';
import { runDemo } from './demo/run-demo';
import { defaultDataDir } from './host/data-dir';
import { DEMO_ACTIVITY } from './host/demo-host';
import { createHeadlessCore } from './host/headless-core';

export async function main(argv: string[]): Promise<number> {
  const out = (s: string) => process.stdout.write(s + '\n');
  const err = (s: string) => process.stderr.write(s + '\n');
  let parsed;
  try {
    parsed = parseCli(argv);
  } catch (e) {
    err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { positionals, flags } = parsed;
  if (flags.help || positionals.length === 0) {
    out(USAGE);
    return positionals.length === 0 && !flags.help ? 2 : 0;
  }
  const dataDir = flags['data-dir'] ?? defaultDataDir();
  // restore works on a damaged or missing database, so before any core opens it.
  if (positionals[0] === 'restore') return runRestore(dataDir, positionals[1], { out, err, owner: cliOwner(positionals) });
  let core;
  try {
    const built = createHeadlessCore({ dataDir, echo: err, owner: cliOwner(positionals) });
    core = built.core;
    if (built.keyNotice) err(built.keyNotice);
  } catch (e) {
    err(e instanceof StoreDamagedError ? e.message : `Cannot open the data folder ${dataDir}: ${(e as Error).message}`);
    return 1;
  }
  try {
    if (positionals[0] === 'demo') return await withWriter(core, DEMO_ACTIVITY, () => runDemo(core, { dataDir, json: flags.json ?? false, out, err }));
    if (positionals[0] === 'serve') {
      const port = flags.port === undefined ? 0 : Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${flags.port}"`);
      return await runServe(core, { dataDir, port, out, err });
    }
    // On a demo data folder, commands that reach the simulated systems start them inside the writer lease.
    return await runOnFolder(core, dataDir, positionals, () => runCommand(core, positionals, flags, out));
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof CliError) {
      err(`Error (${e.payload.code}): ${e.payload.message}`);
      return 1;
    }
    err(`Unexpected error: ${(e as Error).stack ?? String(e)}`);
    return 1;
  } finally {
    await core.close();
  }
}
