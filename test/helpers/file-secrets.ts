// A SecretAccess kept in a JSON file, so adapter state outlives a killed child process in crash tests
// (the engine's real one encrypts into SQLite; what matters here is only that it persists across processes).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SecretAccess } from '../../main/core/adapters/types';

export class FileSecrets implements SecretAccess {
  constructor(readonly file: string, initial?: Record<string, string>) {
    if (initial) this.write(initial);
  }
  private read(): Record<string, string> {
    return existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>) : {};
  }
  private write(v: Record<string, string>): void {
    writeFileSync(`${this.file}.tmp`, JSON.stringify(v));
    renameSync(`${this.file}.tmp`, this.file);
  }
  async get(name: string): Promise<string | null> {
    return this.read()[name] ?? null;
  }
  async set(name: string, value: string): Promise<void> {
    this.write({ ...this.read(), [name]: value });
  }
  async delete(name: string): Promise<void> {
    const v = this.read();
    delete v[name];
    this.write(v);
  }
}
