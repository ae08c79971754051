/* global fetch, AbortSignal */
// Why the Electron binary is or is not usable here, and the exact step that fixes it. npm start prints this
// instead of a generic "run npm install" (which does nothing on a machine where npm blocked the script).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const RELEASES = 'https://github.com/electron/electron/releases';
const THEN = 'then "npm run rebuild:electron" (better-sqlite3 for Electron) and "npm start" again';

/** Can this machine reach where the Electron binary comes from? Checked directly, without a proxy. */
export async function probeDownload(env = process.env, timeoutMs = 4000) {
  const url = env.ELECTRON_MIRROR || RELEASES;
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
    return { url, reachable: true, error: null };
  } catch (e) {
    return { url, reachable: false, error: e?.cause?.code ?? e?.name ?? String(e) };
  }
}

const readJson = (p) => {
  try {
    return JSON.parse(readFileSync(p, 'utf8'));
  } catch {
    return null;
  }
};

function downloadAdvice(net) {
  if (!net) return '';
  if (net.reachable) return ` (${net.url} answers from here, so a retry should work)`;
  return `. This machine cannot reach ${net.url} (${net.error}): set ELECTRON_MIRROR to a mirror your network allows (or, behind a proxy, ELECTRON_GET_USE_PROXY=1 and GLOBAL_AGENT_HTTPS_PROXY) before that command`;
}

/**
 * { path } when the binary is there, else { why, fix }. `probe` is called only when a download is the fix.
 * `env` is npm's environment under "npm start" (npm_config_* tell how npm was configured).
 */
export async function electronStatus(root, env = process.env, probe = () => probeDownload(env)) {
  const pkgDir = join(root, 'node_modules', 'electron');
  const project = readJson(join(root, 'package.json')) ?? {};
  if (!existsSync(join(pkgDir, 'package.json'))) {
    if (/\boptional\b/.test(env.npm_config_omit ?? '') || env.npm_config_optional === 'false')
      return { why: 'npm is set to leave optional packages out (omit=optional), and electron is one', fix: `run "npm install --include=optional", ${THEN}` };
    const net = await probe();
    return {
      why: `the optional "electron" package is not installed: npm drops it when its install script fails, and that script downloads the Electron binary from ${RELEASES}`,
      fix: `run "npm install --foreground-scripts" to see the download${downloadAdvice(net)}; ${THEN}`,
    };
  }
  const pathTxt = join(pkgDir, 'path.txt');
  if (!existsSync(pathTxt)) {
    const blockedBy = env.npm_config_ignore_scripts === 'true' ? 'npm ran with ignore-scripts' : project.allowScripts?.electron !== true ? 'package.json "allowScripts" does not allow it (npm 11 skips unapproved install scripts)' : null;
    const net = await probe();
    return blockedBy
      ? { why: `electron is installed but npm never ran its install script, which downloads the binary: ${blockedBy}`, fix: `run "node node_modules/electron/install.js"${downloadAdvice(net)}; ${THEN}` }
      : { why: "electron is installed but its install script did not finish downloading the binary (no node_modules/electron/path.txt)", fix: `run "node node_modules/electron/install.js"${downloadAdvice(net)}; ${THEN}` };
  }
  const rel = readFileSync(pathTxt, 'utf8').trim();
  const bin = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, rel) : join(pkgDir, 'dist', rel);
  if (!existsSync(bin))
    return { why: `the Electron binary ${bin} is missing (deleted, or a download that stopped half-way)`, fix: `delete node_modules/electron/dist and run "node node_modules/electron/install.js"${downloadAdvice(await probe())}; ${THEN}` };
  return { path: bin };
}
