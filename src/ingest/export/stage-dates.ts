import { sql } from "kysely";
import type { Db } from "../../db/types.ts";
import { LIFECYCLE_SUBJECTS, type Row } from "../../records/index.ts";
import { textArray } from "../pipeline/sql-helpers.ts";

/** The export columns of when a record first reached each stage: `became_<stage>_at` (the generic preset reads them back). */
export function stageDateColumns(object: string, stages: readonly string[]): string[] {
  return LIFECYCLE_SUBJECTS[object] ? stages.map((stage) => `became_${stage}_at`) : [];
}

/**
 * Adds `became_<stage>_at` to each record of a page: the first time it reached that stage, from
 * its lifecycle transitions. An export imported elsewhere then replays the same journey, and
 * funnel metrics (first time a stage was reached) come out the same.
 */
export async function addStageDates(db: Db, workspaceId: string, object: string, rows: Row[]): Promise<void> {
  const subject = LIFECYCLE_SUBJECTS[object];
  if (!subject || rows.length === 0) return;
  const { rows: reached } = await sql<{ subject_id: string; to_stage: string; at: Date | string }>`
    select subject_id, to_stage, min(transitioned_at) as at from lifecycle_transitions
    where workspace_id = ${workspaceId} and subject_type = ${subject}
      and subject_id = any(${textArray(rows.map((r) => r.id as string))})
    group by subject_id, to_stage`.execute(db);
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  for (const r of reached) {
    const row = byId.get(r.subject_id);
    if (row) row[`became_${r.to_stage}_at`] = new Date(r.at).toISOString();
  }
}
