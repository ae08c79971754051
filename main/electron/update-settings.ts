// Per-installation update settings in <data folder>/updates.json: the feed URL (an electron-updater "generic"
// feed, e.g. a folder IT hosts next to X3) and whether updates are on. MLC_UPDATE_URL supplies the URL where
// the file names none (a machine-wide variable set by IT). No URL means no update checks at all.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface UpdateSettings {
  feedUrl: string | null;
  enabled: boolean;
}

export const updateSettingsPath = (dataDir: string): string => join(dataDir, 'updates.json');

/** The feed must be http(s); anything else (file:, a typo) is refused with the reason. */
export function checkFeedUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? null : `the update feed must be an http(s) URL, not "${u.protocol}"`;
  } catch {
    return `the update feed "${url}" is not a URL`;
  }
}

export function readUpdateSettings(dataDir: string, env: NodeJS.ProcessEnv = process.env): UpdateSettings & { problem: string | null } {
  const file = updateSettingsPath(dataDir);
  let raw: { feedUrl?: unknown; enabled?: unknown } = {};
  let problem: string | null = null;
  if (existsSync(file)) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8')) as typeof raw;
    } catch (e) {
      problem = `${file} is not valid JSON (${(e as Error).message})`;
    }
  }
  const fromFile = typeof raw.feedUrl === 'string' && raw.feedUrl.trim() ? raw.feedUrl.trim() : null;
  const feedUrl = fromFile ?? (env.MLC_UPDATE_URL?.trim() || null);
  if (feedUrl && !problem) problem = checkFeedUrl(feedUrl);
  return { feedUrl, enabled: raw.enabled !== false, problem };
}

export function writeUpdateSettings(dataDir: string, patch: Partial<UpdateSettings>): void {
  const file = updateSettingsPath(dataDir);
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    current = {};
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file + '.tmp', JSON.stringify({ ...current, ...patch }, null, 2) + '\n');
  renameSync(file + '.tmp', file);
}
