import { sql } from "kysely";
import { z } from "zod";
import type { DbOrTx } from "../../db/types.ts";
import { type Actor, validate } from "../../records/index.ts";
import { MERGE_OBJECTS } from "./merge-records.ts";

export interface MergeSummary {
  id: string;
  object: string;
  survivor_id: string;
  merged_ids: string[];
  /** The merged records' titles as they were, so a list can say who was merged. */
  merged: Array<{ id: string; title: string | null }>;
  field_choices: unknown[];
  status: "merged" | "undone";
  automatic: boolean;
  merged_by: string | null;
  merged_at: string;
  undone_at: string | null;
}

const listSchema = z
  .object({
    object: z
      .enum(MERGE_OBJECTS, { message: `must be one of ${MERGE_OBJECTS.join(", ")}` })
      .default("contacts"),
    limit: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();

/** Recent merges of an object, newest first: what the review page offers to undo. */
export async function listMerges(db: DbOrTx, actor: Actor, query: unknown): Promise<MergeSummary[]> {
  const { object, limit } = validate(listSchema, query ?? {}) as z.infer<typeof listSchema>;
  const title =
    object === "contacts"
      ? "coalesce(p->'row'->>'email', concat_ws(' ', p->'row'->>'first_name', p->'row'->>'last_name'))"
      : "p->'row'->>'name'";
  const { rows } =
    await sql<MergeSummary>`select m.id, m.object, m.survivor_id, m.merged_ids, m.field_choices, m.status,
      m.automatic, m.merged_by, m.merged_at, m.undone_at,
      coalesce((select jsonb_agg(jsonb_build_object('id', p->>'id', 'title', ${sql.raw(title)}))
        from jsonb_array_elements(m.prior_rows) p where p->>'action' = 'deleted'), '[]'::jsonb) as merged
    from merges m where m.workspace_id = ${actor.workspaceId} and m.object = ${object}
    order by m.merged_at desc, m.id desc limit ${limit}`.execute(db);
  return rows;
}
