// Ordered registry of migrations. Append only: an applied migration is never edited (see migrate.ts).
import * as m0001 from './0001-init';
import * as m0002 from './0002-webhook-events';
import * as m0003 from './0003-store-meta';
import * as m0004 from './0004-expensify-rate-window';
import * as m0005 from './0005-receipt-attachments';
import * as m0006 from './0006-posting-changes';
import * as m0007 from './0007-tax-code-mappings';

export interface Migration {
  id: number;
  name: string;
  up: string;
}

export const migrations: readonly Migration[] = [
  { id: 1, name: m0001.name, up: m0001.up },
  { id: 2, name: m0002.name, up: m0002.up },
  { id: 3, name: m0003.name, up: m0003.up },
  { id: 4, name: m0004.name, up: m0004.up },
  { id: 5, name: m0005.name, up: m0005.up },
  { id: 6, name: m0006.name, up: m0006.up },
  { id: 7, name: m0007.name, up: m0007.up },
];
