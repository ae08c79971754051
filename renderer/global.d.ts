// window.mlc: provided by the Electron preload or, in a browser, by bridge/bridge-client.ts.
import type { MlcApi } from '../shared/api';

declare global {
  interface Window {
    readonly mlc: MlcApi;
  }
}
