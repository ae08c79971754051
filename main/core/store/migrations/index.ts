// Ordered registry of migrations. Append only: an applied migration is never edited (see migrate.ts).
import * as m0001 from './0001-init';
import * as m0002 from './0002-webhook-events';
import * as m0010 from './0010-expensify-rate-window';

export interface Migration {
  id: number;
  name: string;
  up: string;
}

export const migrations: readonly Migration[] = [
  { id: 1, name: m0001.name, up: m0001.up },
  { id: 2, name: m0002.name, up: m0002.up },
  // Numbered 0010 on its branch so parallel branches do not collide; the lead renumbers at merge.
  { id: 3, name: m0010.name, up: m0010.up },
];
