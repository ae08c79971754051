// CLI commands on the demo data folder: only those that talk to the simulated systems start them (inside the
// writer lease, see host/demo-host.ts); reading commands never restart them or rewrite connection URLs.
import type { Core } from '../core/create-core';
import { isDemoFolder, withDemo } from '../host/demo-host';
import { asCliErrors } from './lease';

/** Commands that reach Concur or the ERP: on the demo folder they need the simulated systems running. */
export function needsDemoSystems(cmd: readonly string[]): boolean {
  const [name, sub] = cmd;
  if (name === 'sync' || name === 'reference' || name === 'webhooks') return true;
  // reconcile itself is read-only; on the demo folder only the start of the simulated systems takes the lease.
  if (name === 'reconcile') return true;
  if (name === 'held') return sub === 'replay';
  if (name === 'changes') return sub === 'adjust';
  if (name === 'connections') return sub === 'test' || sub === 'authorize';
  return false;
}

export function runOnFolder(core: Core, dataDir: string, cmd: readonly string[], job: () => Promise<number>): Promise<number> {
  if (!needsDemoSystems(cmd) || !isDemoFolder(core)) return job();
  return asCliErrors(() => withDemo(core, dataDir, job));
}

/** The lease's owner as people read it: "the CLI (ml-connector held replay)", "the browser bridge (serve)". */
export function cliOwner(cmd: readonly string[]): string {
  if (cmd[0] === 'serve') return 'the browser bridge (ml-connector serve)';
  const words = cmd.slice(0, 2).filter((w) => /^[a-z][a-z-]*$/.test(w));
  return `the CLI (ml-connector ${words.join(' ')})`;
}
