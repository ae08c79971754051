// Builds the core for headless hosts (CLI, browser bridge): AES-GCM key from the environment, file log.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterRegistry } from '../core/adapters/registry';
import type { Core } from '../core/create-core';
import { createCore } from '../core/create-core';
import type { Clock, HttpFetch } from '../core/ports';
import { createEnvKeyCipher, resolveHeadlessKey } from '../core/secrets/env-key-cipher';
import { dbPathIn } from './data-dir';
import { createFileLogger } from './file-logger';
import { ensurePrivateFile, makeDataFolderPrivate, PRIVATE_DIR_MODE } from './private-data';
import { hostTraces, storeSettingsFromEnv } from './store-settings';

export interface HeadlessOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  fetch?: HttpFetch;
  registry?: AdapterRegistry;
  /** Where warnings go besides the log file (the CLI's stderr). */
  echo?: (line: string) => void;
  /** Who this process is, for the writer lease (default "the CLI"). */
  owner?: string;
}

export function createHeadlessCore(o: HeadlessOptions): { core: Core; keyNotice: string | null; logPath: string } {
  const env = o.env ?? process.env;
  const privacy = makeDataFolderPrivate(o.dataDir, process.platform, env);
  if (privacy.warning) o.echo?.(`warning: ${privacy.warning}`);
  // Looked at before the key file, the log or the database can be created by this run.
  const traces = hostTraces(o.dataDir);
  const key = resolveHeadlessKey(env, o.dataDir);
  const logPath = join(o.dataDir, 'logs', 'ml-connector.log');
  mkdirSync(join(o.dataDir, 'logs'), { recursive: true, mode: PRIVATE_DIR_MODE });
  ensurePrivateFile(logPath);
  ensurePrivateFile(dbPathIn(o.dataDir));
  const core = createCore({
    dbPath: dbPathIn(o.dataDir),
    cipher: createEnvKeyCipher(key.key),
    logger: createFileLogger(logPath, { echo: o.echo }),
    clock: o.clock,
    fetch: o.fetch,
    registry: o.registry,
    owner: o.owner ?? 'the CLI',
    storeTraces: traces,
    ...storeSettingsFromEnv(env),
  });
  const keyNotice =
    key.source === 'generated-file'
      ? `No MLC_SECRET_KEY set: created ${key.path} (mode 600). Secrets are encrypted with it; keep it private or set MLC_SECRET_KEY.`
      : null;
  return { core, keyNotice, logPath };
}
