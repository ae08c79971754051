// In-memory SecretAccess for adapter tests (the engine's real one encrypts into SQLite).
import type { SecretAccess } from '../../main/core/adapters/types';

export class MemorySecrets implements SecretAccess {
  readonly values = new Map<string, string>();
  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) this.values.set(k, v);
  }
  async get(name: string): Promise<string | null> {
    return this.values.get(name) ?? null;
  }
  async set(name: string, value: string): Promise<void> {
    this.values.set(name, value);
  }
  async delete(name: string): Promise<void> {
    this.values.delete(name);
  }
  tokenState(): Record<string, unknown> | null {
    const raw = this.values.get('tokenState');
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
  }
}
