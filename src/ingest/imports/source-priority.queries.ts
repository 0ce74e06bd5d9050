import { sql } from "kysely";
import type { DbOrTx } from "../../db/types.ts";
import { validate } from "../../records/index.ts";
import {
  DEFAULT_SOURCE_PRIORITY,
  type SourcePriority,
  sourcePrioritySchema,
} from "../pipeline/source-priority.ts";

/** The workspace's source priority (workspaces.settings.source_priority), or the default. */
export async function getSourcePriority(db: DbOrTx, workspaceId: string): Promise<SourcePriority> {
  const { rows } = await sql<{
    priority: SourcePriority | null;
  }>`select settings->'source_priority' as priority
    from workspaces where id = ${workspaceId}`.execute(db);
  return rows[0]?.priority ?? DEFAULT_SOURCE_PRIORITY;
}

export async function setSourcePriority(
  db: DbOrTx,
  workspaceId: string,
  input: unknown,
): Promise<SourcePriority> {
  const priority = validate(sourcePrioritySchema, input) as SourcePriority;
  await sql`update workspaces set settings = jsonb_set(settings, '{source_priority}', ${JSON.stringify(priority)}::jsonb),
      updated_at = now(), version = version + 1
    where id = ${workspaceId}`.execute(db);
  return priority;
}
