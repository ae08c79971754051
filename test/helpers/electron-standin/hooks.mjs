// TEST ONLY: module resolve hooks sending `electron` and `electron-updater` to the in-memory stand-ins.
const standins = {
  electron: new URL('./electron-module.ts', import.meta.url).href,
  'electron-updater': new URL('./updater-module.ts', import.meta.url).href,
};

export async function resolve(specifier, context, next) {
  const url = standins[specifier];
  return url ? { url, shortCircuit: true } : next(specifier, context);
}
