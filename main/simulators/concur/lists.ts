// Simulator List v4 / List Item v4: GET lists, GET a list's first-level children (pages of 100 from 1),
// POST /list/v4/items (201 + Location), PUT /list/v4/items/{id}, DELETE /list/v4/lists/{listId}/items/{id}
// (204). Errors use the documented ErrorMessage body; hyphens and duplicate codes are refused with 400.
import type { Datacenter } from './faults';
import { referenceOf, type SimList, type SimListItem } from './reference-store';
import { randomUUID } from 'node:crypto';
import type { AccessRecord, SimState } from './state';
import type { SimReply } from './token';

const PREFIX = '/list/v4/';
const PAGE_SIZE = 100;
const PHRASE: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 415: 'Unsupported Media Type' };

export function isListPath(path: string): boolean {
  return path.startsWith(PREFIX);
}

export function v4Error(status: number, message: string, path: string, now: number, validation: string[] = []): SimReply {
  return {
    status,
    body: { timestamp: new Date(now).toISOString(), httpStatus: `${status} - ${PHRASE[status] ?? 'Error'}`, error: { id: `sim.${status}`, message }, path, validationErrors: validation.map((m) => ({ source: 'request', message: m })) },
  };
}

const itemJson = (list: SimList, i: SimListItem) => ({ id: i.id, code: i.shortCode, shortCode: i.shortCode, value: i.value, parentId: null, level: 1, isDeleted: i.deleted, listId: list.id, lists: [{ id: list.id, hasChildren: false }] });

export function bearer(authorization: string | undefined, dc: Datacenter, deps: { state: SimState; now: () => number }): AccessRecord | null {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const access = token ? deps.state.access.get(token) : undefined;
  return access && access.dc === dc && access.expiresAt > deps.now() ? access : null;
}

function parseJson(body: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(body);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

function checkItem(shortCode: string, value: string): string[] {
  const problems: string[] = [];
  if (!shortCode) problems.push('shortCode is required');
  if (!value) problems.push('value is required');
  if (shortCode.includes('-') || value.includes('-')) problems.push('Hyphens are not supported in list item codes or names');
  if (shortCode.length > 32) problems.push('shortCode is longer than 32 characters');
  return problems;
}

export function handleLists(method: string, url: URL, authorization: string | undefined, rawBody: string, dc: Datacenter, deps: { state: SimState; now: () => number }): SimReply {
  const now = deps.now();
  const path = url.pathname;
  const access = bearer(authorization, dc, deps);
  if (!access) return v4Error(401, 'Invalid or expired access token', path, now);
  const store = referenceOf(deps.state);
  const company = access.principal.companyId;
  const ownList = (id: string) => {
    const l = store.lists.get(id);
    return l && l.companyId === company ? l : null;
  };
  const parts = path.slice(PREFIX.length).split('/').map(decodeURIComponent);

  if (method === 'GET' && parts[0] === 'lists' && parts.length === 1) {
    const content = [...store.lists.values()].filter((l) => l.companyId === company).map((l) => ({ id: l.id, value: l.name, levelCount: 1, isDeleted: false }));
    return { status: 200, body: { content, page: { number: 1, size: PAGE_SIZE, totalElements: content.length, totalPages: 1 }, links: [] } };
  }
  if (method === 'GET' && parts[0] === 'lists' && parts[2] === 'children' && parts.length === 3) {
    const list = ownList(parts[1]!);
    if (!list) return v4Error(404, `List ${parts[1]} not found`, path, now);
    const page = Number(url.searchParams.get('page') ?? '1');
    if (!Number.isInteger(page) || page < 1) return v4Error(400, 'page must be a number from 1', path, now);
    const withDeleted = url.searchParams.get('isDeleted') === 'true';
    const all = [...list.items.values()].filter((i) => i.deleted === withDeleted).sort((a, b) => (url.searchParams.get('sortBy') === 'shortCode' ? a.shortCode.localeCompare(b.shortCode) : a.value.localeCompare(b.value)));
    const content = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((i) => itemJson(list, i));
    return { status: 200, body: { links: [], content, page: { size: PAGE_SIZE, totalElements: all.length, totalPages: Math.max(1, Math.ceil(all.length / PAGE_SIZE)), number: page } } };
  }
  if (method === 'POST' && parts[0] === 'items' && parts.length === 1) {
    const b = parseJson(rawBody);
    if (!b) return v4Error(400, 'The request body is not a JSON object', path, now);
    const list = ownList(text(b.listId));
    if (!list) return v4Error(404, `List ${text(b.listId) || '(none)'} not found`, path, now);
    const [shortCode, value] = [text(b.shortCode), text(b.value)];
    const problems = checkItem(shortCode, value);
    if ([...list.items.values()].some((i) => !i.deleted && i.shortCode === shortCode)) problems.push(`An item with code ${shortCode} already exists in this list`);
    if (problems.length) return v4Error(400, 'The list item is not valid', path, now, problems);
    const item: SimListItem = { id: randomUUID(), shortCode, value, deleted: false };
    list.items.set(item.id, item);
    store.count('list.create');
    return { status: 201, headers: { location: `${url.origin}${PREFIX}items/${item.id}` }, body: itemJson(list, item) };
  }
  if ((method === 'PUT' || method === 'GET') && parts[0] === 'items' && parts.length === 2) {
    const list = [...store.lists.values()].find((l) => l.companyId === company && l.items.has(parts[1]!));
    const item = list?.items.get(parts[1]!);
    if (!list || !item) return v4Error(404, `List item ${parts[1]} not found`, path, now);
    if (method === 'GET') return { status: 200, body: itemJson(list, item) };
    const b = parseJson(rawBody);
    if (!b) return v4Error(400, 'The request body is not a JSON object', path, now);
    const [shortCode, value] = [text(b.shortCode), text(b.value)];
    const problems = checkItem(shortCode, value);
    if (shortCode !== item.shortCode) problems.push('shortCode cannot be changed by this simulator');
    if (problems.length) return v4Error(400, 'The list item is not valid', path, now, problems);
    item.value = value;
    store.count('list.update');
    return { status: 200, body: itemJson(list, item) };
  }
  if (method === 'DELETE' && parts[0] === 'lists' && parts[2] === 'items' && parts.length === 4) {
    const list = ownList(parts[1]!);
    const item = list?.items.get(parts[3]!);
    if (!list || !item) return v4Error(404, `List item ${parts[3]} not found in list ${parts[1]}`, path, now);
    item.deleted = true;
    store.count('list.delete');
    return { status: 204, body: null };
  }
  return v4Error(404, `No route for ${method} ${path}`, path, now);
}
