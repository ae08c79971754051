// AES-256-GCM with a random IV per secret, keyed from MLC_SECRET_KEY (or a key file) for headless hosts.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SecretCipher } from '../ports';
import { formatEnvelope, parseEnvelope } from './envelope';

const BACKEND = 'aes-gcm-env';

/** Accepts 32 bytes as base64 (44 chars) or hex (64 chars). */
export function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error('MLC_SECRET_KEY must be 32 bytes, given as 64 hex characters or base64');
  return key;
}

export function createEnvKeyCipher(key: Buffer): SecretCipher {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  return {
    backend: BACKEND,
    async encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return formatEnvelope(BACKEND, Buffer.concat([iv, c.getAuthTag(), body]));
    },
    async decrypt(text) {
      const env = parseEnvelope(text);
      if (env.backend !== BACKEND) throw new Error(`secret was stored with "${env.backend}", not ${BACKEND}: re-enter it on this machine`);
      const iv = env.payload.subarray(0, 12);
      const tag = env.payload.subarray(12, 28);
      const d = createDecipheriv('aes-256-gcm', key, iv);
      d.setAuthTag(tag);
      try {
        return Buffer.concat([d.update(env.payload.subarray(28)), d.final()]).toString('utf8');
      } catch {
        throw new Error('stored secret cannot be decrypted with this key (MLC_SECRET_KEY changed?): re-enter it');
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
  if (existsSync(path)) return { key: parseKey(readFileSync(path, 'utf8')), source: 'file', path };
  const key = randomBytes(32);
  writeFileSync(path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { key, source: 'generated-file', path };
}
