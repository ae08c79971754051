// Versioned, backend-tagged ciphertext envelope: "v<n>:<backend>:<base64>", so a key change is detectable.
// v1: AES-GCM without associated data (legacy, re-sealed on read); v2: bound to its connection and secret name.

export interface Envelope {
  version: 1 | 2;
  backend: string;
  payload: Buffer;
}

export function formatEnvelope(backend: string, payload: Buffer, version: 1 | 2 = 1): string {
  if (!/^[a-z0-9-]+$/.test(backend)) throw new Error(`invalid cipher backend name "${backend}"`);
  return `v${version}:${backend}:${payload.toString('base64')}`;
}

export function parseEnvelope(text: string): Envelope {
  const m = /^v([12]):([a-z0-9-]+):([A-Za-z0-9+/=]*)$/.exec(text);
  if (!m) throw new Error('stored secret is not in the v1/v2 envelope format');
  return { version: Number(m[1]) as 1 | 2, backend: m[2]!, payload: Buffer.from(m[3]!, 'base64') };
}
