// A killed run must not leave the next one locked out. Three child processes sign in and are killed with
// SIGKILL before signing out; before the fix each left a licensed API-user slot taken for the 20-minute
// idle timeout, so with 3 slots the next sync met "API Login Limit". Now the open session is kept in the
// adapter state, adopted by the next run (no new slot) and signed out when that run is done.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Limiter } from '../../../main/core/adapters/limiter';
import { createAcumaticaTarget } from '../../../main/core/adapters/acumatica/adapter';
import { OPEN_SESSION_STATE } from '../../../main/core/adapters/acumatica/auth';
import { systemClock } from '../../../main/core/ports';
import { acumaticaDemoSeed, createAcumaticaSimulator } from '../../../main/simulators/acumatica';
import { ACU_FAST_RETRY, ACU_SECRETS, acumaticaSettings, billPlan } from '../../helpers/acumatica-context';
import { recordingContext } from '../../helpers/adapter-context';
import { FileSecrets } from '../../helpers/file-secrets';
import { tempDir } from '../../helpers/temp-dir';

/** Runs the holder until it says HOLDING, then kills it with SIGKILL (no finally, no sign-out). */
function holdThenKill(siteUrl: string, secretsFile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'session-holder.ts'), siteUrl, secretsFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    child.on('exit', (_code, signal) => (out.includes('\n') && signal === 'SIGKILL' ? resolve(out.trim()) : reject(new Error(`holder ended without holding: ${out} ${err}`))));
  });
}

test('three runs killed mid-session, then a sync: one slot was ever taken, the sync posts and signs out', { timeout: 120_000 }, async (t) => {
  const sim = createAcumaticaSimulator({ ...acumaticaDemoSeed({ employees: 2 }), maxApiUsers: 3 });
  const { url } = await sim.start();
  t.after(() => sim.stop());
  const file = join(tempDir(t, 'acu-crash-'), 'secrets.json');
  const secrets = new FileSecrets(file, { ...ACU_SECRETS });
  for (let i = 0; i < 3; i++) assert.equal(await holdThenKill(url, file), 'HOLDING');
  assert.equal(sim.stats.logins, 1, 'the second and third runs adopted the session the first left open');
  assert.equal(sim.state.activeSessions(), 1);
  assert.ok(await secrets.get(OPEN_SESSION_STATE));

  const { ctx, notes } = recordingContext({ clock: systemClock, secrets, limiter: new Limiter(2), retry: ACU_FAST_RETRY });
  const adapter = createAcumaticaTarget(acumaticaSettings(url), ctx);
  const started = Date.now();
  const out = await adapter.post(billPlan());
  assert.equal(out.status, 'posted');
  assert.ok(Date.now() - started < 5_000, 'no waiting on the licence');
  assert.equal(sim.stats.loginLimited, 0, 'never "API Login Limit"');
  assert.ok(notes.some((n) => n.outcome === 'session_adopted'));
  assert.equal(sim.state.activeSessions(), 0, 'the adopted session was signed out');
  assert.equal(await secrets.get(OPEN_SESSION_STATE), null);
});

test('an adopted session that timed out meanwhile is replaced by a fresh sign-in, once', async (t) => {
  const sim = createAcumaticaSimulator({ ...acumaticaDemoSeed({ employees: 2 }) });
  const { url } = await sim.start();
  t.after(() => sim.stop());
  const secrets = new FileSecrets(join(tempDir(t, 'acu-stale-'), 'secrets.json'), { ...ACU_SECRETS, [OPEN_SESSION_STATE]: '.ASPXAUTH=gone-long-ago' });
  const { ctx } = recordingContext({ clock: systemClock, secrets, limiter: new Limiter(2), retry: ACU_FAST_RETRY });
  const out = await createAcumaticaTarget(acumaticaSettings(url), ctx).post(billPlan());
  assert.equal(out.status, 'posted');
  assert.equal(sim.stats.logins, 1);
  assert.equal(sim.state.activeSessions(), 0);
  assert.equal(await secrets.get(OPEN_SESSION_STATE), null);
});
