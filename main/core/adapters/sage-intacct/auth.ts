// The two passwords Intacct needs (Web Services sender, API user), read from the secret store on
// use and registered with the redactor so neither can reach a log, note or error text.
import { ConnectorError } from '../../errors';
import { registerSecret } from '../../redact';
import type { SecretAccess } from '../types';
import { INTACCT_SYSTEM } from './schemas';

export const INTACCT_SECRET_NAMES = ['senderPassword', 'userPassword'] as const;
export type IntacctSecretName = (typeof INTACCT_SECRET_NAMES)[number];

const LABEL: Record<IntacctSecretName, string> = {
  senderPassword: 'Web Services sender password',
  userPassword: 'password of the Web Services user',
};

export async function readSecret(secrets: SecretAccess, name: IntacctSecretName): Promise<string> {
  const value = await secrets.get(name);
  if (!value) {
    throw new ConnectorError('CONFIG_INVALID', `No ${LABEL[name]} is stored for Sage Intacct: enter it in the connection settings`, { system: INTACCT_SYSTEM, retryable: false, details: { secret: name } });
  }
  registerSecret(value);
  return value;
}
