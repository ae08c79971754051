// `ml-connector webhooks …`: the optional Concur Event Subscription Service relay (mutual TLS) and the
// management of the app's subscriptions (five per application).
import { readFileSync } from 'node:fs';
import { createEssManager } from '../core/adapters/concur/subscriptions';
import type { Core } from '../core/create-core';
import { adapterContext } from '../core/engine/context';
import { requireConnection } from '../core/runtime';
import { startWebhookRelay } from '../host/webhook-relay';
import type { Flags } from './args';
import { UsageError } from './args';
import { CliError, pickConnection } from './call';
import { table } from './output';

type Out = (s: string) => void;

export async function runWebhooks(core: Core, cmd: string[], flags: Flags & { cert?: string; key?: string; 'client-ca'?: string; host?: string; endpoint?: string; topic?: string }, out: Out): Promise<number> {
  const [, sub, arg] = cmd;
  if (sub === 'listen') {
    if (!flags.cert || !flags.key || !flags['client-ca']) throw new UsageError('webhooks listen needs --cert, --key (the server certificate) and --client-ca (the CA chain of Concur\'s client certificate)');
    const relay = await startWebhookRelay(core, {
      tls: { cert: readFileSync(flags.cert, 'utf8'), key: readFileSync(flags.key, 'utf8'), clientCa: readFileSync(flags['client-ca'], 'utf8') },
      host: flags.host ?? '127.0.0.1',
      port: flags.port ? Number(flags.port) : 0,
    });
    out(`Receiving Concur events at ${relay.url}/concur/events (mutual TLS). Press Ctrl+C to stop.`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await relay.stop();
    return 0;
  }
  const conn = requireConnection(core.runtime, await pickConnection(core, flags.connection));
  if (conn.source.system !== 'concur') throw new CliError({ code: 'BAD_REQUEST', message: `${conn.id} does not read from Concur`, retryable: false });
  const rt = core.runtime;
  const ess = createEssManager({ tokenUrl: conn.source.tokenUrl, clientId: conn.source.clientId }, adapterContext({ store: rt.store, cipher: rt.cipher, fetch: rt.fetch, clock: rt.clock, logger: rt.logger }, conn, 'source', 'cli'));
  if (sub === 'list' || sub === undefined) {
    const subs = await ess.listSubscriptions();
    out(subs.length ? table([['ID', 'TOPIC', 'ENDPOINT'], ...subs.map((s) => [s.id, s.topic, s.endpoint])]) : 'No subscriptions.');
    out(`${subs.length} of 5 allowed per application.`);
    return 0;
  }
  if (sub === 'subscribe') {
    if (!arg || !flags.endpoint) throw new UsageError('usage: webhooks subscribe <id> --endpoint https://… [--topic public.concur.financialintegration]');
    const r = await ess.createOrUpdate({ id: arg, topic: flags.topic ?? 'public.concur.financialintegration', endpoint: flags.endpoint });
    out(r.message);
    return 0;
  }
  if (sub === 'delete') {
    if (!arg) throw new UsageError('usage: webhooks delete <id>');
    out((await ess.remove(arg)).removed ? `Deleted ${arg}.` : `${arg} did not exist.`);
    return 0;
  }
  throw new UsageError(`unknown webhooks command "${sub}"`);
}
