// `ml-connector webhooks …`: the optional Concur Event Subscription Service relay (mutual TLS) and the
// management of the app's subscriptions (five per application).
import { createEssManager } from '../core/adapters/concur/subscriptions';
import type { Core } from '../core/create-core';
import { adapterContext } from '../core/engine/context';
import { requireConnection } from '../core/runtime';
import { startWebhookRelay } from '../host/webhook-relay';
import type { Flags } from './args';
import { UsageError } from './args';
import { CliError, pickConnection } from './call';
import { readPem } from './input-files';
import { table } from './output';

type Out = (s: string) => void;

export async function runWebhooks(core: Core, cmd: string[], flags: Flags & { cert?: string; key?: string; 'client-ca'?: string; host?: string; endpoint?: string; topic?: string }, out: Out): Promise<number> {
  const [, sub, arg] = cmd;
  if (sub === 'listen') {
    if (!flags.cert || !flags.key || !flags['client-ca']) throw new UsageError('webhooks listen needs --cert, --key (the server certificate) and --client-ca (the CA chain of Concur\'s client certificate)');
    const port = flags.port === undefined ? 0 : Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${flags.port}"`);
    const tls = { cert: readPem(flags.cert, 'server certificate (--cert)'), key: readPem(flags.key, 'server key (--key)'), clientCa: readPem(flags['client-ca'], 'client CA chain (--client-ca)') };
    let relay;
    try {
      relay = await startWebhookRelay(core, { tls, host: flags.host ?? '127.0.0.1', port });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'EADDRINUSE' ? `port ${port} is already in use` : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' ? `${flags.host} is not an address of this computer` : (e as Error).message;
      throw new CliError({ code: 'CONFIG_INVALID', message: `Cannot start the webhook receiver: ${why}`, retryable: false });
    }
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
