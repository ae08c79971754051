// Sign-in for each surface, chosen per connection: HTTP Basic (SOAP + api1), an OAuth2 bearer, the
// connected-application JWT we mint ourselves (HS256, iss = client id, sub = X3 user; GraphQL, and SOAP on
// V12), or Sage X3 Services tokens (GraphQL). Every value is registered with the redactor.
import { SignJWT } from 'jose';
import type { SageX3TargetSettings } from '../../../../shared/schemas/systems/sage-x3';
import { ConnectorError } from '../../errors';
import { registerSecret } from '../../redact';
import type { AdapterContext, SecretAccess } from '../types';
import type { X3AuthKind } from './errors';
import { X3_SYSTEM } from './schemas';
import { oauth2Grant, servicesGrant } from './token-grants';
import { createTokenKeeper, type TokenGrant } from './token-keeper';

export interface X3Auth {
  readonly kind: X3AuthKind;
  /** The Authorization header value; never log or throw it. */
  header(): Promise<string>;
  /**
   * The server answered 401 to `header`: forget it. True when a new header may succeed (a token was
   * renewed), so the caller repeats the call once; false for Basic, where only the user can fix it.
   */
  rejected(header: string): Promise<boolean>;
}

export function createBasicAuth(username: string, secrets: SecretAccess): X3Auth {
  let cached: string | null = null;
  return {
    kind: 'basic',
    async header() {
      if (cached) return cached;
      const password = await secrets.get('password');
      if (!password) {
        throw new ConnectorError('CONFIG_INVALID', `No password is stored for Sage X3 user "${username}": enter it in the connection settings`, { system: X3_SYSTEM, retryable: false });
      }
      registerSecret(password);
      const token = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
      registerSecret(token);
      cached = `Basic ${token}`;
      return cached;
    },
    async rejected() {
      // The user may store a new password; read it again next time, but do not hammer with the old one.
      cached = null;
      return false;
    },
  };
}

/** Mints the connected application's JWT: no round trip, so "renewal" is minting a new one. */
export function connectedAppGrant(settings: SageX3TargetSettings, ctx: AdapterContext): TokenGrant {
  return async () => {
    const secret = await ctx.secrets.get('appSecret');
    if (!secret) throw new ConnectorError('CONFIG_INVALID', 'No connected-application secret is stored for this Sage X3 connection: enter it in the connection settings', { system: X3_SYSTEM, retryable: false });
    registerSecret(secret);
    const now = ctx.clock.now().getTime();
    const iat = Math.floor(now / 1000);
    const lifetimeMs = settings.jwtLifetimeSeconds * 1000;
    // Sage's sample sends an empty audience; jose would drop an empty `aud` set through setAudience.
    const jwt = await new SignJWT({ aud: '' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(settings.appClientId)
      .setSubject(settings.username)
      .setIssuedAt(iat)
      .setExpirationTime(iat + settings.jwtLifetimeSeconds)
      .sign(new TextEncoder().encode(secret));
    return { accessToken: jwt, expiresAt: iat * 1000 + lifetimeMs, lifetimeMs, refreshToken: null, refreshExpiresAt: null };
  };
}

function bearer(kind: Exclude<X3AuthKind, 'basic'>, ctx: AdapterContext, stateName: string, grant: TokenGrant): X3Auth {
  const keeper = createTokenKeeper(ctx, stateName, grant);
  return {
    kind,
    header: async () => `Bearer ${await keeper.token()}`,
    async rejected(header) {
      await keeper.drop(header.replace(/^Bearer\s+/i, ''));
      return true;
    },
  };
}

function requireSettings(ok: boolean, message: string): void {
  if (!ok) throw new ConnectorError('CONFIG_INVALID', message, { system: X3_SYSTEM, retryable: false });
}

/** Sign-in for SOAP posting and REST api1. */
export function createPostingAuth(settings: SageX3TargetSettings, ctx: AdapterContext): X3Auth {
  if (settings.authMode === 'oauth2') {
    requireSettings(/^https?:\/\//.test(settings.tokenUrl) && !!settings.clientId, 'Sage X3 OAuth2 needs the token URL and the client ID in the connection settings');
    return bearer('oauth2', ctx, 'oauth2TokenState', oauth2Grant(settings, ctx));
  }
  if (settings.authMode === 'connectedApp') return connectedApp(settings, ctx);
  return createBasicAuth(settings.username, ctx.secrets);
}

function connectedApp(settings: SageX3TargetSettings, ctx: AdapterContext): X3Auth {
  requireSettings(!!settings.appClientId, 'The Sage X3 connected application needs its client ID in the connection settings');
  return bearer('connectedApp', ctx, 'appTokenState', connectedAppGrant(settings, ctx));
}

/** Sign-in for GraphQL reads; shares the posting auth when both are the connected application. */
export function createGraphqlAuth(settings: SageX3TargetSettings, ctx: AdapterContext, posting: X3Auth | null): X3Auth {
  if (settings.graphqlAuth === 'x3Services') {
    requireSettings(/^https?:\/\//.test(settings.servicesApiUrl) && !!settings.servicesClientId, 'Sage X3 Services needs the regional API URL and the client ID in the connection settings');
    requireSettings(/^https?:\/\//.test(settings.graphqlUrl), "Sage X3 Services needs the folder's GraphQL URL (listed by /v1/folders) in the connection settings");
    return bearer('x3Services', ctx, 'servicesTokenState', servicesGrant(settings, ctx));
  }
  return posting?.kind === 'connectedApp' ? posting : connectedApp(settings, ctx);
}
