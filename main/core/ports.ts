// Ports the hosts (Electron, CLI, bridge, tests) inject into the core: nothing here touches Electron.
import type { MlcEvent } from '../../shared/contract/events';

/** Time source; tests and the bench pass a controllable one. */
export interface Clock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Encrypts secrets at rest. Async because Electron's safeStorage is moving to an async API. */
export interface SecretCipher {
  /** Short backend name stored in the envelope (e.g. "aes-gcm-env", "safe-storage"). */
  readonly backend: string;
  /**
   * True when the backend authenticates `aad` itself (AES-GCM associated data). Backends without it
   * (Electron safeStorage) ignore `aad`; the core then binds by sealing the binding inside the plaintext.
   */
  readonly associatedData?: boolean;
  encrypt(plain: string, aad?: string): Promise<string>;
  decrypt(envelope: string, aad?: string): Promise<string>;
}

export type HttpFetch = typeof fetch;

export interface EventSink {
  emit(event: MlcEvent): void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const t = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => {
        clearTimeout(t);
        reject(signal.reason);
      }, { once: true });
    }),
};

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
