// TEST ONLY: a stand-in for electron-updater's autoUpdater. A check answers with what the test queued
// (nothing new, or a version that then "downloads"), and installs are recorded instead of run.
import { EventEmitter } from 'node:events';

export class UpdaterStandin extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  logger: unknown = null;
  feed: { provider: string; url: string } | null = null;
  checks = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  /** The version the next check finds, or null for "no update". */
  offer: string | null = null;

  setFeedURL(o: { provider: string; url: string }): void {
    this.feed = o;
  }
  async checkForUpdates(): Promise<unknown> {
    this.checks++;
    this.emit('checking-for-update');
    if (!this.offer) {
      this.emit('update-not-available', {});
      return null;
    }
    const version = this.offer;
    this.emit('update-available', { version });
    if (this.autoDownload) queueMicrotask(() => this.emit('update-downloaded', { version }));
    return { updateInfo: { version } };
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}
