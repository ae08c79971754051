// The connection test: gateway reachable, sender authorised, user sign-in, API session, read access —
// each step says exactly what failed and what to change.
import type { SageIntacctTargetSettings } from '../../../../shared/schemas/systems/sage-intacct';
import { isConnectorError } from '../../errors';
import type { TestStep } from '../types';
import type { IntacctClient } from './client';
import { errorsText } from './errors';
import { readByQuery } from './to-remote';

const STEPS = { reach: 'endpoint reachable', sender: 'sender authorised', signin: 'company/user sign-in', session: 'API session', read: 'read access' } as const;
const ORDER: string[] = [STEPS.reach, STEPS.sender, STEPS.signin, STEPS.session, STEPS.read];

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Which step an error from opening the session belongs to. */
function failedStep(e: unknown): string {
  if (!isConnectorError(e)) return STEPS.session;
  const d = e.details ?? {};
  if (d.secret === 'senderPassword' || d.problem === 'sender' || d.problem === 'sender_unauthorized') return STEPS.sender;
  if (d.secret === 'userPassword' || d.problem === 'signin' || d.problem === 'other') return STEPS.signin;
  if (['NETWORK', 'TIMEOUT', 'UNAVAILABLE', 'RATE_LIMITED'].includes(e.code) || (e.code === 'CONFIG_INVALID' && !d.problem)) return STEPS.reach;
  return STEPS.session;
}

export async function runIntacctTest(settings: SageIntacctTargetSettings, client: IntacctClient): Promise<TestStep[]> {
  const steps: TestStep[] = [];
  const passUntil = (step: string) => {
    const ok: Record<string, string> = {
      [STEPS.reach]: `${client.endpointUrl} answered as a Sage Intacct XML gateway`,
      [STEPS.sender]: `sender "${settings.senderId}" accepted for company "${settings.companyId}"`,
      [STEPS.signin]: `user "${settings.userId}" signed in to company "${settings.companyId}"${settings.locationId ? ` (entity "${settings.locationId}")` : ''}`,
    };
    for (const s of ORDER.slice(0, ORDER.indexOf(step))) steps.push({ step: s, ok: true, message: ok[s] ?? 'ok' });
  };
  let sessionUrl: string;
  try {
    sessionUrl = (await client.session()).url;
  } catch (e) {
    const step = failedStep(e);
    passUntil(step);
    const hint = step === STEPS.reach ? ': check the endpoint URL and the network' : '';
    steps.push({ step, ok: false, message: `${messageOf(e)}${hint}` });
    for (const s of ORDER.slice(ORDER.indexOf(step) + 1)) steps.push({ step: s, ok: false, message: `not checked: "${step}" failed` });
    return steps;
  }
  passUntil(STEPS.session);
  steps.push({ step: STEPS.session, ok: true, message: `API session opened; calls go to ${sessionUrl}` });

  const object = settings.postingMode === 'ap_bill' ? 'APBILL' : 'GLBATCH';
  try {
    const resp = await client.run([readByQuery('GLACCOUNT', ['RECORDNO', 'ACCOUNTNO'], 1), { controlId: 'probe-posting-object', body: { query: { select: { field: ['RECORDNO'] }, object, pagesize: '1' } } }], { write: false });
    const failed = resp.results.map((r, i) => ({ r, what: i === 0 ? 'GL accounts (GLACCOUNT)' : `${object} records` })).filter(({ r }) => r.status !== 'success');
    steps.push(
      failed.length === 0
        ? { step: STEPS.read, ok: true, message: `user "${settings.userId}" can read GL accounts and ${object} records` }
        : { step: STEPS.read, ok: false, message: failed.map(({ r, what }) => `cannot read ${what}: ${errorsText(r.errors) || 'no reason given'}`).join('; ') + `: check the permissions of user "${settings.userId}"` },
    );
  } catch (e) {
    steps.push({ step: STEPS.read, ok: false, message: messageOf(e) });
  }
  return steps;
}
