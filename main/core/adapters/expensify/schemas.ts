// Lenient zod schemas for the JSON jobs (policy list getter, policy getter; api/expensify.md §6).
// Unknown fields pass through; only structural breakage fails.
import { z } from 'zod';

export const policyListSchema = z.looseObject({
  policyList: z.array(
    z.looseObject({
      id: z.string().min(1),
      name: z.string().nullish(),
      type: z.string().nullish(),
      role: z.string().nullish(),
      outputCurrency: z.string().nullish(),
    }),
  ),
});
export type PolicyListItem = z.infer<typeof policyListSchema>['policyList'][number];

const flatTag = z.looseObject({ name: z.string(), enabled: z.boolean().nullish(), glCode: z.union([z.string(), z.number()]).nullish() });
/** Tags come flat ({name, enabled, glCode}) or grouped by level ({name, tags: [...]}). */
const tagEntry = z.looseObject({
  name: z.string(),
  enabled: z.boolean().nullish(),
  glCode: z.union([z.string(), z.number()]).nullish(),
  tags: z.array(flatTag).nullish(),
});

export const policyInfoSchema = z.looseObject({
  categories: z
    .array(
      z.looseObject({
        name: z.string(),
        enabled: z.boolean().nullish(),
        glCode: z.union([z.string(), z.number()]).nullish(),
        'GL Code': z.union([z.string(), z.number()]).nullish(),
      }),
    )
    .nullish(),
  tags: z.array(tagEntry).nullish(),
});
export type PolicyInfo = z.infer<typeof policyInfoSchema>;

export const policyGetterSchema = z.looseObject({
  policyInfo: z.record(z.string(), policyInfoSchema),
});

/** Short readable summary of a zod failure (paths only, no payload values). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`)
    .join('; ');
}
