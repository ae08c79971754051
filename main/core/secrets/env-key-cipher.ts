// AES-256-GCM with a random IV per secret, keyed from MLC_SECRET_KEY (or a key file) for headless hosts.
// With associated data (the secret's connection and name) it writes v2 envelopes, which open only under
// that same binding; v1 envelopes (no associated data) are still read so they can be re-sealed.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SecretCipher } from '../ports';
import { formatEnvelope, parseEnvelope } from './envelope';

const BACKEND = 'aes-gcm-env';

/** Accepts 32 bytes as base64 (44 chars) or hex (64 chars); `origin` names where the text came from. */
export function parseKey(text: string, origin = 'MLC_SECRET_KEY'): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : /^[A-Za-z0-9+/]{43}=?$/.test(t) ? Buffer.from(t, 'base64') : Buffer.alloc(0);
  if (key.length !== 32) throw new Error(`${origin} must hold a 32-byte key, given as 64 hex characters or base64`);
  return key;
}

export function createEnvKeyCipher(key: Buffer): SecretCipher {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  return {
    backend: BACKEND,
    associatedData: true,
    async encrypt(plain, aad) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      if (aad !== undefined) c.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return formatEnvelope(BACKEND, Buffer.concat([iv, c.getAuthTag(), body]), aad === undefined ? 1 : 2);
    },
    async decrypt(text, aad) {
      const env = parseEnvelope(text);
      if (env.backend !== BACKEND) throw new Error(`secret was stored with "${env.backend}", not ${BACKEND}: re-enter it on this machine`);
      if (env.version === 2 && aad === undefined) throw new Error('stored secret is bound to a connection and name: open it through the secret store');
      const iv = env.payload.subarray(0, 12);
      const tag = env.payload.subarray(12, 28);
      const d = createDecipheriv('aes-256-gcm', key, iv);
      d.setAuthTag(tag);
      if (env.version === 2) d.setAAD(Buffer.from(aad!, 'utf8'));
      try {
        return Buffer.concat([d.update(env.payload.subarray(28)), d.final()]).toString('utf8');
      } catch {
        throw new Error('stored secret cannot be decrypted with this key, or was copied from another connection or secret name: re-enter it');
      }
    },
  };
}

/**
 * Headless key resolution: MLC_SECRET_KEY, else MLC_SECRET_KEY_FILE, else `<dataDir>/secret.key`
 * created once with mode 0600. The last is only as safe as the file's permissions; the CLI says so.
 */
export function resolveHeadlessKey(env: NodeJS.ProcessEnv, dataDir: string): { key: Buffer; source: 'env' | 'file' | 'generated-file'; path?: string } {
  if (env.MLC_SECRET_KEY) return { key: parseKey(env.MLC_SECRET_KEY), source: 'env' };
  const path = env.MLC_SECRET_KEY_FILE ?? `${dataDir}/secret.key`;
  const origin = env.MLC_SECRET_KEY_FILE ? `The key file ${path} (MLC_SECRET_KEY_FILE)` : `The key file ${path}`;
  if (existsSync(path)) return { key: parseKey(readFileSync(path, 'utf8'), origin), source: 'file', path };
  const key = randomBytes(32);
  writeFileSync(path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { key, source: 'generated-file', path };
}
