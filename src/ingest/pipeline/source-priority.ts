import { z } from "zod";

/**
 * Which source's value a field keeps when sources disagree: a list of sources, highest
 * priority first, per field (`email` or `contacts.email`) or by default. Sources not listed
 * rank below every listed one and equal among themselves; between equals the newest value wins.
 */
export const sourcePrioritySchema = z
  .object({
    default: z.array(z.string().min(1).max(60)).max(50).optional(),
    fields: z.record(z.string(), z.array(z.string().min(1).max(60)).max(50)).optional(),
  })
  .strict();
export type SourcePriority = z.infer<typeof sourcePrioritySchema>;

/** Without a setting, edits made in Revline outrank every import; other sources are equal. */
export const DEFAULT_SOURCE_PRIORITY: SourcePriority = { default: ["revline"] };

function rank(list: string[], source: string): number {
  const i = list.indexOf(source);
  return i < 0 ? list.length : i;
}

/** Whether a value from `incoming` may replace the value `current` gave the field. */
export function mayReplace(
  priority: SourcePriority,
  object: string,
  field: string,
  incoming: string,
  current: string,
): boolean {
  if (incoming === current) return true;
  const list = priority.fields?.[`${object}.${field}`] ?? priority.fields?.[field] ?? priority.default ?? [];
  return rank(list, incoming) <= rank(list, current);
}
