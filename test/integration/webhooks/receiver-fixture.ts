// Starts a webhook receiver with the TEST-ONLY certificates, a recording logger, an in-memory
// "already received" table standing in for SQLite, and a list of the events handed over.
import type { TestContext } from 'node:test';
import type { Logger } from '../../../main/core/ports';
import { createWebhookReceiver } from '../../../main/core/webhooks/receiver';
import type { ReceivedInfo, WebhookReceiverOptions } from '../../../main/core/webhooks/receiver';
import type { EssEvent } from '../../../main/core/webhooks/envelope';
import { testCertificates } from '../../../main/simulators/concur-webhooks';

export interface LogLine { level: string; msg: string; fields?: Record<string, unknown> }

export interface ReceiverFixture {
  url: string;
  events: Array<{ event: EssEvent; info: ReceivedInfo }>;
  logs: LogLine[];
  seen: Set<string>;
  stop(): Promise<void>;
  /** Resolves once `n` events were handed to onEvent. */
  waitForEvents(n: number): Promise<void>;
}

export function recordingLogger(logs: LogLine[]): Logger {
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void logs.push({ level, msg, fields });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export async function startReceiver(t: TestContext, overrides: Partial<WebhookReceiverOptions> = {}): Promise<ReceiverFixture> {
  const certs = testCertificates();
  const events: ReceiverFixture['events'] = [];
  const logs: LogLine[] = [];
  const seen = new Set<string>();
  const waiters: Array<() => void> = [];
  const receiver = createWebhookReceiver({
    tls: { cert: certs.server.cert, key: certs.server.key, clientCa: certs.ca },
    logger: recordingLogger(logs),
    isDuplicate: (id) => seen.has(id),
    onEvent: (event, info) => {
      seen.add(event.id);
      events.push({ event, info });
      waiters.splice(0).forEach((w) => w());
    },
    ...overrides,
  });
  const { url } = await receiver.start();
  t.after(() => receiver.stop());
  async function waitForEvents(n: number): Promise<void> {
    while (events.length < n) await new Promise<void>((r) => waiters.push(r));
  }
  return { url, events, logs, seen, waitForEvents, stop: () => receiver.stop() };
}
