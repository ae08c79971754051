// The connection test: site reachable and answering the contract-based API, the endpoint versions it
// offers (and whether ours is one), sign-in, read access to vendors and accounts, and sign-out.
import type { AcumaticaTargetSettings } from '../../../../shared/schemas/systems/acumatica';
import { isConnectorError } from '../../errors';
import type { TestStep } from '../types';
import type { AcumaticaClient } from './client';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The highest Default-like version an instance offers for the configured endpoint name. */
export function bestVersion(endpoints: Array<{ name: string; version: string }>, name: string): string | null {
  const mine = endpoints.filter((e) => e.name === name).map((e) => e.version);
  return mine.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1) ?? null;
}

export async function runAcumaticaTest(settings: AcumaticaTargetSettings, client: AcumaticaClient): Promise<TestStep[]> {
  const steps: TestStep[] = [];
  const signin = settings.auth === 'cookie' ? `sign-in (user "${settings.username}"${settings.tenant ? `, tenant "${settings.tenant}"` : ''})` : `OAuth token (${settings.auth === 'oauth_password' ? 'password grant' : 'refresh token'})`;
  try {
    await client.withSession(async () => {
      steps.push({ step: 'sign-in', ok: true, message: `${signin} accepted by ${settings.siteUrl}` });
      try {
        const d = await client.discover();
        const offered = d.endpoints.map((e) => `${e.name}/${e.version}`);
        const has = offered.includes(`${settings.endpointName}/${settings.endpointVersion}`);
        const best = bestVersion(d.endpoints, settings.endpointName);
        const build = d.version?.acumaticaBuildVersion ? ` (Acumatica ${d.version.acumaticaBuildVersion})` : '';
        steps.push(
          has
            ? { step: 'endpoint version', ok: true, message: `${settings.endpointName}/${settings.endpointVersion} is offered${build}; available: ${offered.join(', ')}${best && best !== settings.endpointVersion ? `; the highest is ${best}` : ''}` }
            : { step: 'endpoint version', ok: false, message: `${settings.endpointName}/${settings.endpointVersion} is not offered${build}; pick one of: ${offered.join(', ') || 'none listed'}` },
        );
      } catch (e) {
        steps.push({ step: 'endpoint version', ok: false, message: messageOf(e) });
      }
      for (const [entity, select] of [['Vendor', 'VendorID'], ['Account', 'AccountCD']] as const) {
        try {
          await client.list(entity, { $select: select, $top: 1 });
          steps.push({ step: `read ${entity}`, ok: true, message: `can read ${entity} records` });
        } catch (e) {
          steps.push({ step: `read ${entity}`, ok: false, message: messageOf(e) });
        }
      }
    });
    if (settings.auth === 'cookie') steps.push({ step: 'sign-out', ok: true, message: 'session closed (no API-user slot left in use)' });
  } catch (e) {
    const hint = isConnectorError(e) && ['NETWORK', 'TIMEOUT'].includes(e.code) ? ': check the site URL and the network' : '';
    steps.push({ step: 'sign-in', ok: false, message: `${messageOf(e)}${hint}` });
  }
  return steps;
}
