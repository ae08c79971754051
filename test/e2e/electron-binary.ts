// Finds the Electron binary of the optional `electron` package, or says why there is none.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export function electronBinary(): { path: string | null; reason: string } {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    if (typeof p === 'string' && existsSync(p)) return { path: p, reason: '' };
    return { path: null, reason: 'the electron package is installed but its binary is missing (its download failed); run "npm rebuild electron" with network access' };
  } catch {
    return { path: null, reason: 'the optional electron package is not installed (its binary download failed); the web e2e tests cover the same screens through the browser bridge' };
  }
}
