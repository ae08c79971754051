// The connection test: server reachable, credentials, SOAP pool/web service, REST api1 folder —
// each step says exactly what failed and what to change.
import type { SageX3TargetSettings } from '../../../../shared/schemas/systems/sage-x3';
import { isConnectorError } from '../../errors';
import type { TestStep } from '../types';
import type { X3Client } from './client';

const STEPS = { reach: 'server reachable', creds: 'credentials', soap: 'SOAP pool/web service', rest: 'REST api1 endpoint/folder' } as const;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function runX3Test(settings: SageX3TargetSettings, client: X3Client): Promise<TestStep[]> {
  const steps: TestStep[] = [];
  try {
    const status = await client.ping();
    steps.push({ step: STEPS.reach, ok: true, message: `${client.baseUrl} answered (HTTP ${status})` });
  } catch (e) {
    // Any HTTP answer (even 5xx or 429) proves the server is there.
    if (isConnectorError(e) && e.httpStatus !== undefined) {
      steps.push({ step: STEPS.reach, ok: true, message: `${client.baseUrl} answered (HTTP ${e.httpStatus})` });
    } else {
      steps.push({ step: STEPS.reach, ok: false, message: `${messageOf(e)}: check the server URL and port (Syracuse usually listens on 8124) and the network` });
      for (const s of [STEPS.creds, STEPS.soap, STEPS.rest]) steps.push({ step: s, ok: false, message: 'not checked: the server is not reachable' });
      return steps;
    }
  }

  // One small api1 read answers both "are the credentials right" and "is the folder right".
  let restError: unknown = null;
  try {
    await client.getJson(client.listUrl(settings.representations.account, settings.representations.account).replace(/count=\d+/, 'count=1'));
  } catch (e) {
    restError = e;
  }
  const authFailed = isConnectorError(restError) && restError.code === 'AUTH_FAILED';
  const noPassword = isConnectorError(restError) && restError.code === 'CONFIG_INVALID' && /password/i.test(restError.message);
  if (authFailed || noPassword) {
    steps.push({ step: STEPS.creds, ok: false, message: messageOf(restError) });
    for (const s of [STEPS.soap, STEPS.rest]) steps.push({ step: s, ok: false, message: 'not checked: the credentials were refused' });
    return steps;
  }
  steps.push({ step: STEPS.creds, ok: true, message: `user "${settings.username}" accepted` });

  const publicName = settings.postingMode === 'supplier_invoice' ? settings.supplierInvoicePublicName : settings.journalPublicName;
  try {
    const r = await client.soap('query', publicName, { objectKeys: [], listSize: 1 }, false);
    const text = r.messages.map((m) => m.message).join(' / ');
    steps.push(
      r.status === 1
        ? { step: STEPS.soap, ok: true, message: `pool "${settings.poolAlias}" answered for web service "${publicName}"` }
        : { step: STEPS.soap, ok: false, message: `web service "${publicName}" on pool "${settings.poolAlias}" refused a query${text ? `: ${text}` : ''}` },
    );
  } catch (e) {
    steps.push({ step: STEPS.soap, ok: false, message: messageOf(e) });
  }

  steps.push(
    restError
      ? { step: STEPS.rest, ok: false, message: `${messageOf(restError)} (folder "${settings.folder}", representation "${settings.representations.account}")` }
      : { step: STEPS.rest, ok: true, message: `api1 lists ${settings.representations.account} in folder "${settings.folder}"` },
  );
  return steps;
}
