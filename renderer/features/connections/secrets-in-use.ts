// Which stored secrets the chosen sign-in method of each system actually uses, so the Credentials list asks
// only for those (an unused one is "Not needed", never "Missing").
import type { ConnectionInput } from '../../../shared/schemas/connection';

type Side = Record<string, unknown>;

function usedBy(system: string, s: Side): string[] | null {
  switch (system) {
    case 'concur':
      return ['clientSecret', 'password'];
    case 'expensify':
      return ['partnerUserSecret'];
    case 'sage-intacct':
      return ['senderPassword', 'userPassword'];
    case 'netsuite':
      // With OAuth 2.0, a consumer key means token-based credentials for receipts (SOAP uploads) as well.
      return s.auth === 'tba' ? ['consumerSecret', 'tokenSecret'] : s.consumerKey ? ['privateKey', 'consumerSecret', 'tokenSecret'] : ['privateKey'];
    case 'acumatica':
      return s.auth === 'oauth_code' ? ['clientSecret', 'refreshToken'] : s.auth === 'oauth_password' ? ['password', 'clientSecret'] : ['password'];
    case 'sage-x3': {
      const out = new Set<string>([s.authMode === 'oauth2' ? 'clientSecret' : s.authMode === 'connectedApp' ? 'appSecret' : 'password']);
      if (s.reads === 'graphql' && s.graphqlAuth !== 'x3Services') out.add('appSecret');
      if (s.reads === 'graphql' && s.graphqlAuth === 'x3Services') ['servicesClientSecret', 'servicesAuthCode', 'servicesRefreshToken'].forEach((n) => out.add(n));
      return [...out];
    }
    default:
      return null;
  }
}

/** True when the secret ("source.password", "target.appSecret"…) is used by the connection's settings. */
export function secretInUse(c: Pick<ConnectionInput, 'source' | 'target'>, name: string): boolean {
  const [side, key] = name.split('.') as ['source' | 'target', string];
  const settings = c[side] as unknown as Side & { system: string };
  const used = usedBy(settings.system, settings);
  return used === null || used.includes(key);
}

/** X3 Services needs one of the authorization code or the refresh token, not both. */
export const ONE_OF: Record<string, string[]> = { 'target.servicesAuthCode': ['target.servicesRefreshToken'], 'target.servicesRefreshToken': ['target.servicesAuthCode'] };
