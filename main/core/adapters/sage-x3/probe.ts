// The connection test: server reachable, sign-in, SOAP pool/web service, the reads surface (REST api1
// folder or GraphQL), and the configured dimension types: each step says exactly what failed and what to change.
import { x3DimensionTypes, type SageX3TargetSettings } from '../../../../shared/schemas/systems/sage-x3';
import { isConnectorError } from '../../errors';
import type { TestStep } from '../types';
import type { X3Client } from './client';
import { unknownDimensionTypes, type ReferenceReader } from './reference';

const STEPS = { reach: 'server reachable', creds: 'credentials', soap: 'SOAP pool/web service', rest: 'REST api1 endpoint/folder', gql: 'GraphQL endpoint', dims: 'dimension types' } as const;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const isAuthProblem = (e: unknown) => isConnectorError(e) && (e.code === 'AUTH_FAILED' || (e.code === 'CONFIG_INVALID' && /password|secret|client id|token url|not paired|authorization code/i.test(e.message)));

const AUTH_LABEL: Record<SageX3TargetSettings['authMode'], string> = { basic: 'user', oauth2: 'OAuth2 client', connectedApp: 'connected application' };

export async function runX3Test(settings: SageX3TargetSettings, client: X3Client, reference: ReferenceReader): Promise<TestStep[]> {
  const steps: TestStep[] = [];
  const readsStep = settings.reads === 'graphql' ? STEPS.gql : STEPS.rest;
  const skipRest = (why: string, from: string[]) => from.forEach((s) => steps.push({ step: s, ok: false, message: `not checked: ${why}` }));
  try {
    const status = await client.ping();
    steps.push({ step: STEPS.reach, ok: true, message: `${client.baseUrl} answered (HTTP ${status})` });
  } catch (e) {
    // Any HTTP answer (even 5xx or 429) proves the server is there.
    if (isConnectorError(e) && e.httpStatus !== undefined) {
      steps.push({ step: STEPS.reach, ok: true, message: `${client.baseUrl} answered (HTTP ${e.httpStatus})` });
    } else {
      steps.push({ step: STEPS.reach, ok: false, message: `${messageOf(e)}: check the server URL and port (Syracuse usually listens on 8124) and the network` });
      skipRest('the server is not reachable', [STEPS.creds, STEPS.soap, readsStep, STEPS.dims]);
      return steps;
    }
  }

  // One small read answers "is the sign-in right" and "is the folder/endpoint right"; it also lists the dimension types.
  let readError: unknown = null;
  let known: string[] = [];
  try {
    if (settings.reads === 'graphql') known = await reference.knownDimensionTypes();
    else await client.getJson(client.listUrl(settings.representations.account, settings.representations.account).replace(/count=\d+/, 'count=1'));
  } catch (e) {
    readError = e;
  }
  if (isAuthProblem(readError)) {
    steps.push({ step: STEPS.creds, ok: false, message: messageOf(readError) });
    skipRest('the sign-in was refused', [STEPS.soap, readsStep, STEPS.dims]);
    return steps;
  }
  const who = settings.reads === 'graphql' && settings.graphqlAuth === 'x3Services' ? 'Sage X3 Services pairing' : `${AUTH_LABEL[settings.authMode]} "${settings.authMode === 'basic' ? settings.username : settings.authMode === 'oauth2' ? settings.clientId : settings.appClientId}"`;
  steps.push({ step: STEPS.creds, ok: true, message: `${who} accepted` });

  const publicName = settings.postingMode === 'supplier_invoice' ? settings.supplierInvoicePublicName : settings.journalPublicName;
  try {
    const r = await client.soap('query', publicName, { objectKeys: [], listSize: 1 }, false);
    const text = r.messages.map((m) => m.message).join(' / ');
    steps.push(
      r.status === 1
        ? { step: STEPS.soap, ok: true, message: `pool "${settings.poolAlias}" answered for web service "${publicName}"` }
        : { step: STEPS.soap, ok: false, message: `web service "${publicName}" on pool "${settings.poolAlias}" refused a query${text ? `: ${text}` : ''}` },
    );
  } catch (e) {
    steps.push({ step: STEPS.soap, ok: false, message: messageOf(e) });
  }

  if (readError) {
    const where = settings.reads === 'graphql' ? `GraphQL at ${client.graphqlUrl}` : `folder "${settings.folder}", representation "${settings.representations.account}"`;
    steps.push({ step: readsStep, ok: false, message: `${messageOf(readError)} (${where})` });
    skipRest('the reference data cannot be read', [STEPS.dims]);
    return steps;
  }
  steps.push({ step: readsStep, ok: true, message: settings.reads === 'graphql' ? `GraphQL at ${client.graphqlUrl} answered` : `api1 lists ${settings.representations.account} in folder "${settings.folder}" (tax codes and period status are read over GraphQL only: with api1, X3 itself refuses an unknown tax code or a closed period when posting)` });

  try {
    if (settings.reads !== 'graphql') known = await reference.knownDimensionTypes();
    const dims = x3DimensionTypes(settings);
    const problem = known.length || settings.reads === 'graphql' ? unknownDimensionTypes(dims, known, settings.folder) : null;
    steps.push(problem ? { step: STEPS.dims, ok: false, message: problem.message } : { step: STEPS.dims, ok: true, message: dims.map((d) => `${d.name} = ${d.x3Type}`).join(', ') + (known.length ? ' exist in X3' : ' (X3 did not say which types it has)') });
  } catch (e) {
    steps.push({ step: STEPS.dims, ok: false, message: messageOf(e) });
  }
  return steps;
}
