// A Concur FIS → NetSuite engine world for the receipt tests: the demo NetSuite connection with receipts on,
// FIS expense documents only, and either the demo's token-based credentials for the SOAP upload or OAuth 2.0 alone.
import type { TestContext } from 'node:test';
import { createConcurSimulator, seedFisDocuments, SIM_CLIENT } from '../../main/simulators/concur';
import { createNetSuiteSimulator, NETSUITE_DEMO, seedNetSuite } from '../../main/simulators/netsuite';
import { netsuiteConnection, netsuiteMappings } from '../../main/demo/netsuite-company';
import type { ConnectionInput } from '../../shared/schemas/connection';
import { testKeys } from './netsuite-context';
import { startEngineWorld } from './engine-world';

const COMPANY = '7d1f0c3e-2b4a-4c59-8e61-0a9b8c7d6e5f';
const RECEIPTS = { enabled: true, maxBytes: 10 * 1024 * 1024, allowedTypes: ['pdf', 'jpeg', 'png'] } as const;

/** The demo connection without its token-based credentials for receipts. */
const oauth2Only = (c: ConnectionInput): ConnectionInput => ({ ...c, target: { ...c.target, consumerKey: '', tokenId: '' } as ConnectionInput['target'] });

export async function startNetSuiteReceiptWorld(t: TestContext, opts: { prefix: string; expenseDocs: number; tba: boolean }) {
  const concur = createConcurSimulator({ seed: 3 });
  seedFisDocuments(concur.state, { companyId: COMPANY, counts: { expense: opts.expenseDocs, invoice: 0, cashadvance: 0, payroll: 0 }, seed: 8 });
  const netsuite = createNetSuiteSimulator({ accountId: NETSUITE_DEMO.accountId });
  seedNetSuite(netsuite.state, {});
  if (opts.tba) netsuite.state.tbaTokens.push({ ...NETSUITE_DEMO.tba });
  const keys = testKeys('rsa');
  netsuite.state.registerCertificate(NETSUITE_DEMO.clientId, NETSUITE_DEMO.certificateId, keys.publicKey);
  const tbaSecrets: Array<[string, string]> = opts.tba ? [['target.consumerSecret', NETSUITE_DEMO.tba.consumerSecret], ['target.tokenSecret', NETSUITE_DEMO.tba.tokenSecret]] : [];
  const world = await startEngineWorld(t, {
    prefix: opts.prefix,
    concur,
    target: netsuite,
    connection: (concurUrl, netsuiteUrl) => {
      const demo = netsuiteConnection(concurUrl, netsuiteUrl, COMPANY);
      return { ...(opts.tba ? demo : oauth2Only(demo)), receipts: { ...RECEIPTS, allowedTypes: [...RECEIPTS.allowedTypes] } };
    },
    secrets: () => [
      ['source.clientSecret', SIM_CLIENT.clientSecret],
      ['source.password', concur.state.issueRequestToken(COMPANY, SIM_CLIENT.clientId)],
      ['target.privateKey', keys.privatePem],
      ...tbaSecrets,
    ],
    mappings: netsuiteMappings(10),
  });
  return { ...world, concur, netsuite };
}
