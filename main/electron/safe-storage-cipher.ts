// SecretCipher on Electron's safeStorage (OS keychain / DPAPI / libsecret). On Linux without a keyring,
// safeStorage falls back to "basic_text", which protects nothing: we say so and ask before storing.
import type { SecretCipher } from '../core/ports';
import { formatEnvelope, parseEnvelope } from '../core/secrets/envelope';
import { ConnectorError } from '../core/errors';
import type { ElectronMain } from './electron-api';

export interface ConsentStore {
  get(): boolean;
  set(v: boolean): void;
}

export function backendOf(e: ElectronMain): string {
  return e.safeStorage.getSelectedStorageBackend?.() ?? (process.platform === 'win32' ? 'dpapi' : process.platform === 'darwin' ? 'keychain' : 'unknown');
}

export function createSafeStorageCipher(e: ElectronMain, consent: ConsentStore): SecretCipher {
  const weak = () => !e.safeStorage.isEncryptionAvailable() || backendOf(e) === 'basic_text';
  async function allowWeak(): Promise<boolean> {
    if (consent.get()) return true;
    const { response } = await e.dialog.showMessageBox({
      type: 'warning',
      buttons: ['Cancel', 'Store anyway'],
      defaultId: 0,
      cancelId: 0,
      title: 'No secure key store',
      message: 'This computer has no secure key store for ml-connector to use.',
      detail: 'On Linux this needs a running keyring (GNOME Keyring or KWallet). Without one, passwords would be stored with a fixed key that anyone who can read your files could undo. Store them anyway?',
    });
    const ok = response === 1;
    if (ok) consent.set(true);
    return ok;
  }
  return {
    backend: 'safe-storage',
    async encrypt(plain) {
      if (weak() && !(await allowWeak()))
        throw new ConnectorError('CONFIG_INVALID', 'Not stored: this computer has no secure key store (safeStorage backend "basic_text"). Start a keyring, or accept the warning to store it anyway.', { retryable: false });
      return formatEnvelope('safe-storage', e.safeStorage.encryptString(plain));
    },
    async decrypt(envelope) {
      const { backend, payload } = parseEnvelope(envelope);
      if (backend !== 'safe-storage') throw new ConnectorError('CONFIG_INVALID', `This secret was stored by the "${backend}" backend (the command line); enter it again in the app.`, { retryable: false });
      return e.safeStorage.decryptString(payload);
    },
  };
}
