// config import: connections from a JSON file for unattended installs. Secrets come only from named
// environment variables; a file that carries a secret value itself is refused.
import { z } from 'zod';
import { connectionInputSchema } from '../../shared/schemas/connection';
import type { Core } from '../core/create-core';
import { urlCredentialPaths } from '../core/secrets/url-credentials';
import { call, CliError } from './call';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name (A-Z, 0-9, _)');
const fileSchema = z
  .object({ connections: z.array(connectionInputSchema.extend({ secretsFromEnv: z.record(z.string(), envName).default({}) }).strict()).min(1) })
  .strict();

export async function importConfig(core: Core, text: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError({ code: 'BAD_REQUEST', message: `Config file is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, retryable: false });
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new CliError({ code: 'BAD_REQUEST', message: `Config file is not valid (secrets belong in environment variables named under secretsFromEnv): ${issues}`, retryable: false });
  }
  // One id twice would silently overwrite the first with the second.
  const ids0 = parsed.data.connections.map((c) => c.id);
  const twice = [...new Set(ids0.filter((id, i) => ids0.indexOf(id) !== i))];
  if (twice.length) throw new CliError({ code: 'BAD_REQUEST', message: `Config file names the connection id${twice.length > 1 ? 's' : ''} ${twice.map((id) => `"${id}"`).join(', ')} more than once: each connection once`, retryable: false });
  const withCredentials = parsed.data.connections.flatMap((c) => urlCredentialPaths(c).map((p) => `${c.id}: ${p}`));
  if (withCredentials.length) throw new CliError({ code: 'BAD_REQUEST', message: `Config file has a URL with a user name or password in it (${withCredentials.join('; ')}): name the password under secretsFromEnv instead`, retryable: false });
  // Check every variable before writing anything, so a half-configured install cannot happen.
  const missing = parsed.data.connections.flatMap((c) => Object.values(c.secretsFromEnv).filter((v) => !env[v]));
  if (missing.length) throw new CliError({ code: 'CONFIG_INVALID', message: `Environment variable${missing.length > 1 ? 's' : ''} not set: ${missing.join(', ')}`, retryable: false });
  const ids: string[] = [];
  for (const { secretsFromEnv, ...conn } of parsed.data.connections) {
    await call(core, 'connections.save', conn);
    for (const [name, variable] of Object.entries(secretsFromEnv)) await call(core, 'connections.setSecret', { connectionId: conn.id, name, value: env[variable]! });
    ids.push(conn.id);
  }
  return ids;
}
