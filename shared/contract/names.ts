// Plain list of contract method names and channel names, free of zod, so the sandboxed preload stays tiny.
// shared/api.ts checks at compile time that this list matches the contract exactly.

export const METHOD_NAMES = [
  'connections.list',
  'connections.save',
  'connections.setSecret',
  'connections.test',
  'connections.discoverEndpoints',
  'connections.authorize',
  'connections.resume',
  'connections.states',
  'sync.run',
  'postings.list',
  'postings.get',
  'held.replay',
  'held.dismiss',
  'held.redate',
  'mappings.list',
  'mappings.upsert',
  'mappings.delete',
  'mappings.deleteMany',
  'mappings.importCsv',
  'mappings.exportCsv',
  'reference.refresh',
  'reference.push',
  'reference.list',
  'audit.list',
  'audit.export',
  'store.info',
  'store.backup',
  'held.exportXlsx',
  'mappings.exportXlsx',
  'mappings.importXlsx',
  'changes.list',
  'changes.get',
  'changes.counts',
  'changes.adjust',
  'changes.accept',
  'reconcile.run',
  'dashboard.amounts',
] as const;

export type MethodNameFromList = (typeof METHOD_NAMES)[number];

/** IPC channel of a method is CHANNEL_PREFIX + name; events travel on EVENT_CHANNEL once READY_CHANNEL was sent. */
export const CHANNEL_PREFIX = 'mlc:';
export const EVENT_CHANNEL = 'mlc:event';
export const READY_CHANNEL = 'mlc:ready';
