// Policy metadata for the mapping grid: the policy list getter, then the policy getter for categories
// (with GL codes when present) and tags, so unmapped categories show before the first sync.
import { ConnectorError } from '../../errors';
import type { ExpensifyClient } from './client';
import { SYSTEM, protocolError } from './errors';
import { policyJob, policyListJob } from './jobs';
import { describeIssues, policyGetterSchema, policyListSchema } from './schemas';
import type { PolicyInfo, PolicyListItem } from './schemas';

export interface ExpensifyCategory {
  code: string;
  name: string;
  glCode?: string;
  policyIds: string[];
}

export interface ExpensifyTag {
  /** The whole tag value as it appears on expenses ("Sales" or "EMEA:Sales"). */
  code: string;
  name: string;
  glCode?: string;
  policyIds: string[];
}

export interface PolicyMetadata {
  policies: Array<{ id: string; name: string }>;
  categories: ExpensifyCategory[];
  tags: ExpensifyTag[];
}

export async function listPolicies(client: ExpensifyClient): Promise<PolicyListItem[]> {
  const body = await client.jsonJob(policyListJob(), 'the policy list');
  const parsed = policyListSchema.safeParse(body);
  if (!parsed.success) throw protocolError('the policy list', `unexpected shape (${describeIssues(parsed.error)})`);
  return parsed.data.policyList;
}

/** Categories and tags of the configured policies (all visible policies when none is configured). */
export async function readPolicyMetadata(client: ExpensifyClient, policyIds: string[]): Promise<PolicyMetadata> {
  const listed = await listPolicies(client);
  const names = new Map(listed.map((p) => [p.id, p.name ?? p.id]));
  const ids = policyIds.length ? policyIds : listed.map((p) => p.id);
  if (ids.length === 0) return { policies: [], categories: [], tags: [] };
  const body = await client.jsonJob(policyJob(ids), 'the policy categories and tags');
  const parsed = policyGetterSchema.safeParse(body);
  if (!parsed.success) throw protocolError('the policy categories and tags', `unexpected shape (${describeIssues(parsed.error)})`);
  const missing = ids.filter((id) => !parsed.data.policyInfo[id]);
  if (missing.length) {
    throw new ConnectorError('NOT_FOUND', `Expensify has no policy ${missing.join(', ')} for this partner user: check the policy ids in the connection settings`, { system: SYSTEM, retryable: false });
  }
  const categories = new Map<string, ExpensifyCategory>();
  const tags = new Map<string, ExpensifyTag>();
  for (const id of ids) collect(id, parsed.data.policyInfo[id] as PolicyInfo, categories, tags);
  return {
    policies: ids.map((id) => ({ id, name: names.get(id) ?? id })),
    categories: [...categories.values()].sort((a, b) => a.code.localeCompare(b.code)),
    tags: [...tags.values()].sort((a, b) => a.code.localeCompare(b.code)),
  };
}

function collect(policyId: string, info: PolicyInfo, categories: Map<string, ExpensifyCategory>, tags: Map<string, ExpensifyTag>): void {
  for (const c of info.categories ?? []) {
    if (c.enabled === false || !c.name.trim()) continue;
    const glCode = text(c.glCode ?? c['GL Code']);
    add(categories, { code: c.name, name: c.name, ...(glCode ? { glCode } : {}), policyIds: [policyId] });
  }
  for (const t of info.tags ?? []) {
    // Grouped form: {name: <tag list>, tags: [...]}; the values are the inner names.
    const values = t.tags ? t.tags : [t];
    for (const v of values) {
      if (v.enabled === false || !v.name.trim()) continue;
      const glCode = text(v.glCode);
      add(tags, { code: v.name, name: v.name, ...(glCode ? { glCode } : {}), policyIds: [policyId] });
    }
  }
}

function add<T extends { code: string; policyIds: string[]; glCode?: string }>(into: Map<string, T>, item: T): void {
  const known = into.get(item.code);
  if (!known) into.set(item.code, item);
  else {
    if (!known.policyIds.includes(item.policyIds[0] as string)) known.policyIds.push(...item.policyIds);
    if (!known.glCode && item.glCode) known.glCode = item.glCode;
  }
}

function text(v: string | number | null | undefined): string | undefined {
  if (typeof v === 'number') return String(v);
  return v && v.trim() ? v.trim() : undefined;
}
