// Loads electron-builder.yml the way `electron-builder --win --config electron-builder.yml` does (its parent
// signing config included) and validates it against electron-builder's own schema: fuses, signing from the
// environment, the per-user NSIS installer, the tray icons packaged, an update feed written.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
type Config = Record<string, unknown> & { electronFuses: Record<string, boolean>; win: Record<string, unknown>; nsis: Record<string, unknown>; files: Array<{ filter: string[] }>; publish: Array<Record<string, string>> };
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<Config>;
  validateConfiguration(c: unknown, debug: { isEnabled: boolean; add(): void }): Promise<void>;
};
const { signingConfig } = require('../../../electron-builder.signing.cjs') as { signingConfig(env: Record<string, string>): { win: Record<string, unknown> } };
const quiet = { isEnabled: false, add: () => undefined };
// electron-builder logs "• loaded configuration" to stdout, which the test runner reads as its own serialized
// stream (now and then: "Unable to deserialize cloned data"); its logger writes to stderr here instead.
(require('builder-util/out/log') as { log: { stream: NodeJS.WritableStream } }).log.stream = process.stderr;
const SIGNING_VARS = ['CSC_LINK', 'WIN_CSC_LINK', 'CSC_KEY_PASSWORD', 'AZURE_TRUSTED_SIGNING_ENDPOINT', 'AZURE_TRUSTED_SIGNING_ACCOUNT', 'AZURE_TRUSTED_SIGNING_PROFILE', 'MLC_PUBLISHER_NAME', 'MLC_REQUIRE_SIGNING'];

async function load(env: Record<string, string> = {}): Promise<Config> {
  const saved = Object.fromEntries(SIGNING_VARS.map((k) => [k, process.env[k]]));
  for (const k of SIGNING_VARS) delete process.env[k];
  Object.assign(process.env, env);
  try {
    const cfg = await getConfig(process.cwd(), 'electron-builder.yml', null);
    await validateConfiguration(cfg, quiet);
    return cfg;
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

test('the schema check is real: an unknown fuse is refused', async () => {
  const cfg = await load();
  await assert.rejects(validateConfiguration({ ...cfg, electronFuses: { ...cfg.electronFuses, runAsNodeish: false } }, quiet));
});

test('Electron fuses: no RunAsNode, no NODE_OPTIONS, no --inspect, cookies encrypted, asar integrity checked, app only from asar', async () => {
  const { electronFuses: f } = await load();
  assert.deepEqual(
    { runAsNode: f.runAsNode, nodeOptions: f.enableNodeOptionsEnvironmentVariable, inspect: f.enableNodeCliInspectArguments, cookies: f.enableCookieEncryption, integrity: f.enableEmbeddedAsarIntegrityValidation, asarOnly: f.onlyLoadAppFromAsar },
    { runAsNode: false, nodeOptions: false, inspect: false, cookies: true, integrity: true, asarOnly: true },
  );
});

test('a per-user NSIS installer for x64 that packages the built app and the tray icons, with an update feed', async () => {
  const cfg = await load();
  assert.deepEqual(cfg.win.target, [{ target: 'nsis', arch: ['x64'] }]);
  assert.deepEqual({ perMachine: cfg.nsis.perMachine, allowElevation: cfg.nsis.allowElevation, oneClick: cfg.nsis.oneClick }, { perMachine: false, allowElevation: false, oneClick: false });
  const files = cfg.files.flatMap((f) => f.filter);
  for (const f of ['dist/electron/**', 'dist/renderer/**', 'main/electron/tray-icons/*.png']) assert.ok(files.includes(f), f);
  assert.equal(cfg.asar, true);
  assert.equal(cfg.publish[0]?.provider, 'generic');
});

test('unsigned without signing variables; MLC_REQUIRE_SIGNING=1 makes an unsigned build fail', async () => {
  const cfg = await load();
  assert.equal(cfg.win.azureSignOptions, undefined);
  assert.equal(cfg.win.signtoolOptions, undefined);
  assert.equal(cfg.win.forceCodeSigning, false);
  assert.equal((await load({ MLC_REQUIRE_SIGNING: '1' })).win.forceCodeSigning, true);
});

test('a certificate from CSC_LINK signs with SHA-256 and a timestamp', async () => {
  const cfg = await load({ CSC_LINK: 'C:\\certs\\northwind.pfx', CSC_KEY_PASSWORD: 'x' });
  assert.deepEqual((cfg.win.signtoolOptions as Record<string, unknown>).signingHashAlgorithms, ['sha256']);
  assert.match(String((cfg.win.signtoolOptions as Record<string, unknown>).rfc3161TimeStampServer), /^http/);
  assert.equal(cfg.win.azureSignOptions, undefined);
});

test('Azure Trusted Signing from its variables; half a configuration or both ways at once is an error', async () => {
  const azure = { AZURE_TRUSTED_SIGNING_ENDPOINT: 'https://weu.codesigning.azure.net', AZURE_TRUSTED_SIGNING_ACCOUNT: 'northwind', AZURE_TRUSTED_SIGNING_PROFILE: 'public', MLC_PUBLISHER_NAME: 'Northwind Ltd' };
  const cfg = await load(azure);
  assert.deepEqual(cfg.win.azureSignOptions, { endpoint: azure.AZURE_TRUSTED_SIGNING_ENDPOINT, codeSigningAccountName: 'northwind', certificateProfileName: 'public', publisherName: 'Northwind Ltd', fileDigest: 'SHA256', timestampRfc3161: 'http://timestamp.acs.microsoft.com', timestampDigest: 'SHA256' });
  assert.throws(() => signingConfig({ AZURE_TRUSTED_SIGNING_ENDPOINT: azure.AZURE_TRUSTED_SIGNING_ENDPOINT }), /missing: AZURE_TRUSTED_SIGNING_ACCOUNT/);
  assert.throws(() => signingConfig({ ...azure, CSC_LINK: 'c.pfx' }), /keep one/);
});
