// Where a NetSuite account lives: the account id drives the REST host (lower-case, `_` → `-`) while the
// TBA realm keeps NetSuite's own upper-case underscore form (../shared/api/netsuite.md §0).
import type { NetSuiteTargetSettings } from '../../../../shared/schemas/systems/netsuite';

/** `1234567_sb1` → `1234567-sb1.suitetalk.api.netsuite.com`. */
export function netsuiteHost(accountId: string): string {
  return `${accountId.trim().toLowerCase().replace(/_/g, '-')}.suitetalk.api.netsuite.com`;
}

/** `1234567-sb1` or `1234567_sb1` → `1234567_SB1` (the realm of the TBA header). */
export function netsuiteRealm(accountId: string): string {
  return accountId.trim().toUpperCase().replace(/-/g, '_');
}

/** Base of every REST call, without a trailing slash: the injected override or the account's own host. */
export function restBase(settings: Pick<NetSuiteTargetSettings, 'accountId' | 'restUrl'>): string {
  return (settings.restUrl ?? `https://${netsuiteHost(settings.accountId)}/services/rest`).replace(/\/+$/, '');
}

export const tokenUrl = (settings: Pick<NetSuiteTargetSettings, 'accountId' | 'restUrl'>): string => `${restBase(settings)}/auth/oauth2/v1/token`;
