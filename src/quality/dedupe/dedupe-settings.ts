import { sql } from "kysely";
import { z } from "zod";
import type { DbOrTx } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { validate } from "../../records/index.ts";

/**
 * What a run does with the pairs it finds: clusters whose every linking pair reaches
 * `auto_merge_threshold` are merged at once when `auto_merge` is on; clusters whose strongest
 * pair reaches `review_threshold` go to the review queue; weaker pairs are not kept.
 */
export const dedupeSettingsSchema = z
  .object({
    auto_merge: z.boolean().optional(),
    auto_merge_threshold: z.number().min(0.5).max(1).optional(),
    review_threshold: z.number().min(0.5).max(1).optional(),
  })
  .strict();

export interface DedupeSettings {
  auto_merge: boolean;
  auto_merge_threshold: number;
  review_threshold: number;
}

/** Off by default: a wrong merge costs more than a reviewed one. */
export const DEFAULT_DEDUPE_SETTINGS: DedupeSettings = {
  auto_merge: false,
  auto_merge_threshold: 0.99,
  review_threshold: 0.8,
};

export async function getDedupeSettings(db: DbOrTx, workspaceId: string): Promise<DedupeSettings> {
  const { rows } = await sql<{ settings: Partial<DedupeSettings> | null }>`
    select settings->'dedupe' as settings from workspaces where id = ${workspaceId}`.execute(db);
  return { ...DEFAULT_DEDUPE_SETTINGS, ...(rows[0]?.settings ?? {}) };
}

/** Changes some settings; the review band's bottom may not sit above the auto-merge threshold. */
export async function setDedupeSettings(
  db: DbOrTx,
  workspaceId: string,
  input: unknown,
): Promise<DedupeSettings> {
  const patch = validate(dedupeSettingsSchema, input) as Partial<DedupeSettings>;
  const next = { ...(await getDedupeSettings(db, workspaceId)), ...patch };
  if (next.review_threshold > next.auto_merge_threshold) {
    throw new AppError(
      "validation_failed",
      `review_threshold: ${next.review_threshold} is above auto_merge_threshold ${next.auto_merge_threshold}; the review band must lie below it`,
      { field: "review_threshold" },
    );
  }
  await sql`update workspaces set settings = jsonb_set(settings, '{dedupe}', ${JSON.stringify(next)}::jsonb),
      updated_at = now(), version = version + 1
    where id = ${workspaceId}`.execute(db);
  return next;
}
