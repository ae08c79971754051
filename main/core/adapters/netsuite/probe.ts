// The connection test: settings and certificate, sign-in (a token for OAuth 2.0), SuiteQL read access,
// and the subsidiary — each step says exactly what failed and what to change.
import type { NetSuiteTargetSettings } from '../../../../shared/schemas/systems/netsuite';
import type { Clock } from '../../ports';
import type { TestStep } from '../types';
import { certificateStatus } from './auth';
import type { NetSuiteClient } from './client';
import { isMissingRecordType } from './errors';
import { isTrue, REF_QUERIES } from './reference';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** `receipts`, when the connection attaches receipts: its own step (SOAP sign-in and folder), after the others. */
export async function runNetSuiteTest(settings: NetSuiteTargetSettings, client: NetSuiteClient, clock: Clock, receipts?: () => Promise<TestStep>): Promise<TestStep[]> {
  const steps: TestStep[] = [];
  const skipRest = (from: string[], because: string) => from.forEach((step) => steps.push({ step, ok: false, message: `not checked: "${because}" failed` }));

  const cert = certificateStatus(settings, clock.now());
  const where = `account ${settings.accountId} at ${client.base}`;
  if (settings.auth === 'oauth2' && cert.state === 'expired') {
    steps.push({ step: 'certificate', ok: false, message: `certificate ${settings.certificateId} expired on ${cert.validUntil}: upload a new one in OAuth 2.0 Client Credentials Setup` });
    skipRest(['sign-in', 'read access', 'subsidiary'], 'certificate');
    return steps;
  }
  steps.push({
    step: 'certificate',
    ok: true,
    message:
      settings.auth === 'tba'
        ? 'token-based authentication (legacy): no certificate; Oracle asks new integrations to use OAuth 2.0'
        : cert.state === 'none'
          ? `certificate ${settings.certificateId || '(none)'}: enter its expiry date to be warned ahead of time`
          : cert.state === 'expiring'
            ? `WARNING: certificate ${settings.certificateId} expires on ${cert.validUntil} (${cert.daysLeft} days left): upload a new one soon`
            : `certificate ${settings.certificateId} valid until ${cert.validUntil} (${cert.daysLeft} days left)`,
  });

  try {
    await client.auth.header('POST', `${client.base}/query/v1/suiteql`);
    steps.push({ step: 'sign-in', ok: true, message: settings.auth === 'oauth2' ? `access token issued to client ${settings.clientId} for ${where}` : `TBA credentials ready for ${where}` });
  } catch (e) {
    steps.push({ step: 'sign-in', ok: false, message: messageOf(e) });
    skipRest(['read access', 'subsidiary'], 'sign-in');
    return steps;
  }

  const subsidiaries: Array<Record<string, unknown>> = [];
  let oneWorld = true;
  try {
    try {
      for await (const page of client.suiteql(REF_QUERIES.subsidiary)) subsidiaries.push(...page);
    } catch (e) {
      // An account without OneWorld has no subsidiary record type: read access is then shown on accounts.
      if (!isMissingRecordType(e, 'subsidiary')) throw e;
      oneWorld = false;
      for await (const page of client.suiteql('SELECT id FROM account ORDER BY id')) if (page) break;
    }
    steps.push({ step: 'read access', ok: true, message: `SuiteQL answers for ${where} (${oneWorld ? `${subsidiaries.length} subsidiaries` : 'no OneWorld: no subsidiaries'})` });
  } catch (e) {
    steps.push({ step: 'read access', ok: false, message: messageOf(e) });
    skipRest(['subsidiary'], 'read access');
    return steps;
  }

  if (!oneWorld) {
    steps.push(settings.subsidiary ? { step: 'subsidiary', ok: false, message: `subsidiary ${settings.subsidiary} is set, but this account has no OneWorld: clear the subsidiary` } : { step: 'subsidiary', ok: true, message: 'account without OneWorld: transactions are booked without a subsidiary' });
  } else if (!settings.subsidiary) {
    steps.push({ step: 'subsidiary', ok: true, message: 'no subsidiary set: transactions are booked without one (accounts without OneWorld)' });
  } else {
    const row = subsidiaries.find((r) => String(r.id) === settings.subsidiary);
    steps.push(
      !row
        ? { step: 'subsidiary', ok: false, message: `subsidiary ${settings.subsidiary} does not exist in NetSuite (or the role cannot see it)` }
        : isTrue(row.isinactive)
          ? { step: 'subsidiary', ok: false, message: `subsidiary ${settings.subsidiary} (${String(row.name ?? '')}) is inactive` }
          : { step: 'subsidiary', ok: true, message: `booking into subsidiary ${settings.subsidiary} (${String(row.name ?? '')})` },
    );
  }
  if (receipts) steps.push(await receipts());
  return steps;
}
