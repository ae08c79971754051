// Secrets bound to where they belong: an envelope opens only for the connection and secret name it was sealed
// for, so one copied onto another connection or name is refused. AES-GCM binds through associated data;
// a backend without it (safeStorage) gets the binding sealed inside the plaintext and checked on open.
// Envelopes written before binding existed are opened once more and re-sealed bound (see `openSecret`).
import type { SecretCipher } from '../ports';

export interface SecretBinding {
  connectionId: string;
  /** The stored name, side included ("target.password"). */
  name: string;
}

const WRAP = 'mlc-bound-1\n';

/** The associated data: both parts length-prefixed, so ("a.b","c") and ("a","b.c") can never collide. */
export function bindingText(b: SecretBinding): string {
  return `mlc-secret:${b.connectionId.length}:${b.connectionId}:${b.name.length}:${b.name}`;
}

export async function sealSecret(cipher: SecretCipher, b: SecretBinding, value: string): Promise<string> {
  if (cipher.associatedData) return cipher.encrypt(value, bindingText(b));
  return cipher.encrypt(WRAP + JSON.stringify([bindingText(b), value]));
}

export class SecretBindingError extends Error {
  override name = 'SecretBindingError';
}

/**
 * The value, and whether the stored envelope predates binding (the caller re-seals it in place).
 * A bound envelope opened under another binding throws.
 */
export async function openSecret(cipher: SecretCipher, b: SecretBinding, envelope: string): Promise<{ value: string; legacy: boolean }> {
  const aad = bindingText(b);
  if (cipher.associatedData) {
    if (envelope.startsWith('v2:')) return { value: await cipher.decrypt(envelope, aad), legacy: false };
    return { value: await cipher.decrypt(envelope), legacy: true };
  }
  const plain = await cipher.decrypt(envelope);
  if (!plain.startsWith(WRAP)) return { value: plain, legacy: true };
  const parsed = JSON.parse(plain.slice(WRAP.length)) as unknown;
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string') throw new SecretBindingError('stored secret is damaged: re-enter it');
  if (parsed[0] !== aad) throw new SecretBindingError(`stored secret "${b.name}" was sealed for another connection or secret name: re-enter it`);
  return { value: parsed[1], legacy: false };
}
