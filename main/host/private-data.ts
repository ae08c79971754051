// The data folder is private to the user: it holds the database (documents, amounts, encrypted secrets), its
// WAL, the log and possibly secret.key. On POSIX the folder tree is 700 and every file 600 — set when created
// and re-applied at every start, so a folder made by an older version (644 files in a 755 folder) is
// tightened. SQLite creates -wal/-shm with the database file's own mode, so pre-creating that file 600 covers
// them. On Windows the per-user profile (%APPDATA%) already grants only the user, SYSTEM and administrators;
// a data folder outside the profile is reported, since its ACLs are whatever that place gives.
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join, relative, resolve, isAbsolute } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export interface PrivacyResult {
  /** Paths whose mode was tightened (relative to the data folder). */
  tightened: string[];
  /** A sentence for the user when privacy cannot be ensured here, else null. */
  warning: string | null;
}

/** Creates the folder if needed and makes it and everything in it private to the user. */
export function makeDataFolderPrivate(dataDir: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): PrivacyResult {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (platform === 'win32') {
    const profile = env.USERPROFILE;
    const rel = profile ? relative(resolve(profile), resolve(dataDir)) : '..';
    const inside = rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
    return { tightened: [], warning: inside ? null : `The data folder ${dataDir} is outside your user profile: make sure only you can read it (its permissions come from where it is).` };
  }
  const tightened: string[] = [];
  const walk = (path: string) => {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return;
    const want = st.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    if ((st.mode & 0o777) !== want && (st.isDirectory() || st.isFile())) {
      chmodSync(path, want);
      tightened.push(relative(dataDir, path) || '.');
    }
    if (st.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dataDir);
  return { tightened, warning: null };
}

/** Creates a file the user alone can read (no-op when it exists: makeDataFolderPrivate tightened it). */
export function ensurePrivateFile(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
}
