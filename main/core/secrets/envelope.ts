// Versioned, backend-tagged ciphertext envelope: "v1:<backend>:<base64>", so a key change is detectable.

export interface Envelope {
  backend: string;
  payload: Buffer;
}

export function formatEnvelope(backend: string, payload: Buffer): string {
  if (!/^[a-z0-9-]+$/.test(backend)) throw new Error(`invalid cipher backend name "${backend}"`);
  return `v1:${backend}:${payload.toString('base64')}`;
}

export function parseEnvelope(text: string): Envelope {
  const m = /^v1:([a-z0-9-]+):([A-Za-z0-9+/=]*)$/.exec(text);
  if (!m) throw new Error('stored secret is not in the v1 envelope format');
  return { backend: m[1]!, payload: Buffer.from(m[2]!, 'base64') };
}
