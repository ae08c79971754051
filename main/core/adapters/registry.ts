// Which adapter serves which system. Hosts may pass their own registry (the bench wraps these).
import type { Connection } from '../../../shared/schemas/connection';
import type { AdapterContext, SourceAdapter, TargetAdapter } from './types';
import { createConcurSource } from './concur/adapter';
import { createExpensifySource } from './expensify/adapter';
import { createSageIntacctTarget } from './sage-intacct/adapter';
import { closedPeriodRule } from '../../../shared/schemas/period';
import { createAcumaticaTarget } from './acumatica/adapter';
import { createNetSuiteTarget } from './netsuite/adapter';
import { createSageX3Target } from './sage-x3/adapter';
import { ConnectorError } from '../errors';

export interface AdapterRegistry {
  source(conn: Connection, ctx: AdapterContext): SourceAdapter;
  target(conn: Connection, ctx: AdapterContext): TargetAdapter;
}

export const defaultRegistry: AdapterRegistry = {
  source(conn, ctx) {
    switch (conn.source.system) {
      case 'concur':
        return createConcurSource(conn.source, ctx);
      case 'expensify':
        return createExpensifySource(conn.source, ctx);
      default:
        throw new ConnectorError('CONFIG_INVALID', `Source system ${(conn.source as { system: string }).system} is not available in this version`, { retryable: false });
    }
  },
  target(conn, ctx) {
    switch (conn.target.system) {
      case 'sage-x3':
        return createSageX3Target(conn.target, ctx);
      case 'sage-intacct':
        return createSageIntacctTarget({ ...conn.target, closedPeriod: closedPeriodRule(conn) }, ctx);
      case 'acumatica':
        return createAcumaticaTarget(conn.target, ctx);
      case 'netsuite':
        return createNetSuiteTarget(conn.target, ctx);
      default:
        throw new ConnectorError('CONFIG_INVALID', `Target system ${(conn.target as { system: string }).system} is not available in this version`, { retryable: false });
    }
  },
};
