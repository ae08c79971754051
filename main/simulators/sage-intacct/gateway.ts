// The simulator's XML gateway: control block (sender), authentication (login or session, sliding
// timeout, "Invalid session"), then each function (uniqueid honoured) with per-function results.
import { randomUUID } from 'node:crypto';
import { createApAdjustment, createApBill, createGlBatch, createLegacyBill } from './books';
import { createContact, createEmployee, createVendor } from './partners';
import { query, readByQuery, readMore, type FnReply } from './reads';
import type { SageIntacctSimState, SimSession } from './state';
import { createSupdoc, getSupdoc, updateRecord, updateSupdoc } from './supdocs';
import { child as childOf, elements as elementEntries, list as asArray, readXml, text as textOf, writeXml as buildXmlDoc, type Node as XmlNode, type SimError as IntacctError } from './wire';

const buildXml = (tree: XmlNode) => buildXmlDoc(tree);
/** Functions of the 2.1 DTD (legacy); the generic object functions need dtdversion 3.0. */
const LEGACY_VERBS = new Set(['create_bill']);

export interface GatewayReply {
  body: string;
  /** At least one create committed (what dropAfterCommit / a 524 after commit act on). */
  committed: boolean;
  verbs: string[];
  created: number;
  rejected: number;
  duplicates: number;
  invalidSession: boolean;
  authFailed: boolean;
  /** The login's user ID or password was wrong (what `signin401` answers with HTTP 401). */
  signinFailed: boolean;
  mixedSession: boolean;
}

const errorBlock = (errors: IntacctError[]) => ({ errormessage: { error: errors.map((e) => ({ errorno: e.errorno, description: e.description, description2: e.description2, correction: e.correction })) } });
const e6 = (description2: string): IntacctError => ({ errorno: 'XL03000006', description: '', description2, correction: '' });
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, '+00:00');

export function handleGateway(xml: string, state: SageIntacctSimState, sessionEndpoint: string): GatewayReply {
  const reply: GatewayReply = { body: '', committed: false, verbs: [], created: 0, rejected: 0, duplicates: 0, invalidSession: false, authFailed: false, signinFailed: false, mixedSession: false };
  const controlOut: XmlNode = { status: 'failure', senderid: '', controlid: '', uniqueid: 'false', dtdversion: '3.0' };
  const done = (response: XmlNode) => ((reply.body = buildXml({ response })), reply);

  const doc = readXml(xml);
  if (!doc) return done({ control: controlOut, ...errorBlock([{ errorno: 'XL03000003', description: 'XML Parse schema error: not well-formed', description2: '', correction: '' }]) });
  const control = childOf(childOf(doc, 'request'), 'control');
  const operation = childOf(childOf(doc, 'request'), 'operation');
  const senderId = textOf(control?.senderid);
  Object.assign(controlOut, { senderid: senderId, controlid: textOf(control?.controlid), uniqueid: textOf(control?.uniqueid) || 'false' });
  const uniqueId = textOf(control?.uniqueid).trim();
  const dtd = textOf(control?.dtdversion).trim();
  if (!control || !operation || (dtd !== '3.0' && dtd !== '2.1') || !['', 'true', 'false'].includes(uniqueId) || !textOf(control.controlid)) {
    return done({ control: controlOut, ...errorBlock([{ errorno: 'XL03000003', description: 'XML Parse schema error', description2: 'control needs senderid, password, controlid, dtdversion 2.1 or 3.0; operation is required', correction: '' }]) });
  }
  controlOut.dtdversion = dtd;
  const sender = state.senders.get(senderId);
  if (!sender || sender.password !== textOf(control.password)) {
    reply.authFailed = true;
    return done({ control: controlOut, ...errorBlock([e6('Incorrect Intacct XML Partner ID or password.')]) });
  }
  controlOut.status = 'success';

  // Authentication: login (userid/companyid/password[/locationid]) or sessionid.
  const authNode = childOf(operation, 'authentication');
  const login = childOf(authNode, 'login');
  const now = state.now();
  let session: SimSession | null = null;
  let authErr: IntacctError | null = null;
  if (login) {
    const companyId = textOf(login.companyid);
    const user = state.users.get(`${companyId}|${textOf(login.userid)}`);
    if (!user || user.password !== textOf(login.password)) {
      authErr = e6('Sign-in information is incorrect. Please check your request.');
      reply.signinFailed = true;
    }
    else session = { id: '', companyId, userId: textOf(login.userid), locationId: textOf(login.locationid), expiresAt: now.getTime() + state.sessionDurationMs };
    const entity = textOf(login.locationid).trim();
    if (session && entity && (!state.multiEntity || !state.isEntity(entity))) {
      authErr = e6(state.multiEntity ? `Entity '${entity}' does not exist in company ${companyId}, or the user has no access to it.` : `Company ${companyId} has no entities: sign in without a location ID.`);
      reply.signinFailed = true;
      session = null;
    }
  } else {
    const known = state.sessions.get(textOf(authNode?.sessionid));
    if (!known || known.expiresAt <= now.getTime()) {
      authErr = e6('Invalid session. Please sign in again.');
      reply.invalidSession = true;
    } else session = known;
  }
  if (session && !sender.companies.has(session.companyId)) authErr = e6(`${senderId} is not authorized to make Web Services requests to company ${session.companyId}.`);
  if (authErr || !session) {
    reply.authFailed = !reply.invalidSession;
    return done({ control: controlOut, operation: { authentication: { status: 'failure', userid: textOf(login?.userid), companyid: textOf(login?.companyid) }, ...errorBlock([authErr!]) } });
  }
  // Sliding timeout: every authenticated call pushes it out.
  session.expiresAt = now.getTime() + state.sessionDurationMs;

  const functions = asArray<XmlNode>(childOf(operation, 'content')?.function);
  const verbOf = (f: XmlNode) => elementEntries(f)[0]?.[0] ?? '';
  reply.mixedSession = functions.length > 1 && functions.some((f) => verbOf(f) === 'getAPISession');
  const transaction = textOf(operation['@_transaction']).trim() === 'true';
  // What this request changed, so a transaction="true" failure can take it all back.
  const undo: Array<() => void> = [];
  const pendingKeys: string[] = [];
  const results = functions.map((f) => {
    const verb = verbOf(f);
    reply.verbs.push(verb);
    const controlid = textOf(f['@_controlid']);
    const base = { function: verb, controlid };
    const failed = (errors: IntacctError[]) => ({ status: 'failure', ...base, ...errorBlock(errors) });
    if (!controlid) return failed([{ errorno: 'XL03000003', description: 'function controlid is required', description2: '', correction: '' }]);
    if (reply.mixedSession) return failed([{ errorno: 'Get API Session Failed', description: '', description2: 'getAPISession cannot be combined with other functions in one request.', correction: '' }]);
    const doneKey = `${session!.companyId}|${controlid}`;
    if (uniqueId === 'true' && state.executed.has(doneKey)) {
      reply.duplicates++;
      return failed([{ errorno: 'Duplicate Control ID', description: '', description2: `A function with control ID '${controlid}' was already executed and completed.`, correction: 'Use a new control ID, or set uniqueid to false.' }]);
    }
    const body = (childOf(f, verb) ?? {}) as XmlNode;
    let out: FnReply;
    if (dtd === '2.1' && !LEGACY_VERBS.has(verb)) return failed([{ errorno: 'XL03000003', description: 'XML Parse schema error', description2: `'${verb}' is not a function of dtdversion 2.1: send it with dtdversion 3.0.`, correction: '' }]);
    if (verb === 'create_bill') {
      const created = createLegacyBill(state, body, controlid, session!.locationId);
      if (created.ok) {
        const rec = created.rec;
        undo.push(() => state.unstore(rec));
        reply.created++;
        reply.committed = true;
        if (uniqueId === 'true') pendingKeys.push(doneKey);
        return { status: 'success', ...base, key: rec.recordNo };
      }
      reply.rejected++;
      return failed(created.errors);
    } else if (verb === 'getAPISession') {
      const id = `sim${randomUUID().replace(/-/g, '')}..`;
      const locationId = textOf(body.locationid) || session!.locationId;
      if (locationId && (!state.multiEntity || !state.isEntity(locationId))) return failed([e6(`Entity '${locationId}' is not valid for this company.`)]);
      state.sessions.set(id, { ...session!, id, locationId, expiresAt: session!.expiresAt });
      out = { ok: true, data: { api: { sessionid: id, endpoint: sessionEndpoint, locationid: locationId } } };
    } else if (verb === 'create') {
      const [object, node] = elementEntries(body)[0] ?? ['', {}];
      const master = object === 'VENDOR' ? createVendor : object === 'CONTACT' ? createContact : object === 'EMPLOYEE' ? createEmployee : null;
      if (master) {
        const m = master(state, node as XmlNode);
        if (m.ok) {
          undo.push(m.undo);
          reply.committed = true;
          out = { ok: true, data: { '@_listtype': 'objects', '@_count': '1', [object.toLowerCase()]: { RECORDNO: m.recordNo } } };
        } else out = m;
      } else {
        const creator = object === 'GLBATCH' ? createGlBatch : object === 'APBILL' ? createApBill : object === 'APADJUSTMENT' ? createApAdjustment : null;
        const created = creator ? creator(state, node as XmlNode, controlid, session!.locationId) : null;
        if (!created) out = { ok: false, errors: [{ errorno: 'BL01001973', description: `Object '${object}' cannot be created here.`, description2: '', correction: '' }] };
        else if (created.ok) {
          const rec = created.rec;
          undo.push(() => state.unstore(rec));
          reply.created++;
          reply.committed = true;
          out = { ok: true, data: { '@_listtype': 'objects', '@_count': '1', [object.toLowerCase()]: { RECORDNO: rec.recordNo } } };
        } else out = created;
      }
      if (!out.ok) reply.rejected++;
    } else if (verb === 'create_supdoc' || verb === 'update_supdoc') {
      const r = verb === 'create_supdoc' ? createSupdoc(state, body) : updateSupdoc(state, body);
      if (!r.ok) {
        reply.rejected++;
        return failed(r.errors);
      }
      reply.committed = true;
      if (uniqueId === 'true') pendingKeys.push(doneKey);
      return { status: 'success', ...base, key: r.key ?? '' };
    } else if (verb === 'update') {
      const [object, node] = elementEntries(body)[0] ?? ['', {}];
      const r = updateRecord(state, object, node as XmlNode);
      if (r.ok) {
        reply.committed = true;
        out = { ok: true, data: r.data ?? {} };
      } else {
        reply.rejected++;
        out = r;
      }
    } else if (verb === 'get' && textOf(body['@_object']).trim() === 'supdoc') {
      const r = getSupdoc(state, body);
      out = r.ok ? { ok: true, data: r.data ?? {} } : r;
    } else if (verb === 'readByQuery') out = readByQuery(state, body, session!.locationId);
    else if (verb === 'readMore') out = readMore(state, body);
    else if (verb === 'query') out = query(state, body, session!.locationId);
    else out = { ok: false, errors: [{ errorno: 'XL03000003', description: `Unknown function '${verb}'.`, description2: '', correction: '' }] };
    if (!out.ok) return failed(out.errors);
    if (uniqueId === 'true') pendingKeys.push(doneKey);
    return { status: 'success', ...base, data: out.data };
  });
  if (transaction && results.some((r) => r.status !== 'success')) {
    // All or nothing: undo every change, the failures keep their errors, the rest come back aborted.
    for (const u of undo.reverse()) u();
    state.rolledBack++;
    reply.committed = false;
    reply.created = 0;
    const rolled: IntacctError = { errorno: 'XL03000009', description: 'The entire transaction in this operation has been rolled back due to an error.', description2: '', correction: '' };
    for (const [i, r] of results.entries()) {
      const prior = (r as { errormessage?: { error: IntacctError[] } }).errormessage?.error ?? [];
      results[i] = { status: r.status === 'success' ? 'aborted' : 'failure', function: r.function, controlid: r.controlid, ...errorBlock([...prior, rolled]) };
    }
  } else for (const k of pendingKeys) state.executed.add(k);
  const authentication = { status: 'success', userid: session.userId, companyid: session.companyId, locationid: session.locationId, sessiontimestamp: iso(now), sessiontimeout: iso(new Date(session.expiresAt)) };
  return done({ control: controlOut, operation: { authentication, result: results } });
}
