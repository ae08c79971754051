// Types of the page globals used inside page.evaluate callbacks (the root tsconfig has no DOM lib).
// Use as `(globalThis as unknown as BrowserGlobals)`: a type only, so the callbacks stay self-contained.
import type { MlcApi } from '../../shared/api';

export interface BrowserGlobals {
  mlc: MlcApi;
  progressEvents: number;
  require?: unknown;
  location: { href: string };
  document: { activeElement: unknown };
  navigator: { clipboard: { readText(): Promise<string> } };
  DataTransfer: new () => { setData(type: string, value: string): void };
  requestAnimationFrame(cb: (t: number) => void): number;
  ClipboardEvent: new (type: string, init: { clipboardData: unknown; bubbles: boolean; cancelable: boolean }) => unknown;
}
