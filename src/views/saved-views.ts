import { type SqlBool, sql } from "kysely";
import { z } from "zod";
import { can } from "../auth/index.ts";
import type { Db, DbOrTx } from "../db/types.ts";
import { AppError, notFound } from "../errors/app-error.ts";
import type { ObjectDef } from "../model/object-def.ts";
import { findObject } from "../model/registry.ts";
import { type Actor, validate } from "../records/index.ts";
import type { ViewDefinition } from "./view-definition.ts";

export const VISIBILITIES = ["private", "team", "workspace"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface SavedView {
  id: string;
  object: string;
  name: string;
  owner_user_id: string;
  owner_name: string | null;
  visibility: Visibility;
  shared_with_team_id: string | null;
  team_name: string | null;
  definition: ViewDefinition;
  version: number;
  created_at: string;
  updated_at: string;
  /** Whether the caller may change or delete it: its owner, or an admin. */
  editable: boolean;
}

/** The object a view is of, which the caller's role must be allowed to read. */
export function viewObject(actor: Actor, object: string): ObjectDef {
  const def = findObject(object);
  if (!def)
    throw new AppError("validation_failed", `object: there is no object "${object}"`, { field: "object" });
  if (!can(actor.role, def.area, "read"))
    throw new AppError("forbidden", `Role ${actor.role} may not read ${def.area} data`);
  return def;
}

/**
 * Views the caller can see: its own, those shared with its team, those shared with everyone.
 * An API key belongs to no one, so it sees only the views shared with everyone.
 */
function visibleTo(actor: Actor) {
  const userId = actor.type === "user" ? actor.id : null;
  return sql<SqlBool>`(v.visibility = 'workspace'
    or v.owner_user_id = ${userId}
    or (v.visibility = 'team' and v.shared_with_team_id = (
      select u.team_id from users u where u.workspace_id = v.workspace_id and u.id = ${userId})))`;
}

function shape(actor: Actor, row: Record<string, any>): SavedView {
  const { workspace_id: _ws, ...view } = row;
  const editable = (actor.type === "user" && view.owner_user_id === actor.id) || actor.role === "admin";
  return { ...view, editable } as SavedView;
}

async function selectViews(db: DbOrTx, actor: Actor, where: ReturnType<typeof sql<SqlBool>>) {
  const { rows } = await sql<Record<string, any>>`select v.*, o.name as owner_name, t.name as team_name
    from saved_views v
    left join users o on o.workspace_id = v.workspace_id and o.id = v.owner_user_id
    left join teams t on t.workspace_id = v.workspace_id and t.id = v.shared_with_team_id
    where v.workspace_id = ${actor.workspaceId} and ${visibleTo(actor)} and ${where}
    order by lower(v.name), v.id`.execute(db);
  return rows.map((row) => shape(actor, row));
}

/** The views of one object (or of every object the role may read) the caller can see. */
export async function listViews(db: Db, actor: Actor, object?: string): Promise<SavedView[]> {
  if (object) {
    const def = viewObject(actor, object);
    return selectViews(db, actor, sql<SqlBool>`v.object = ${def.key}`);
  }
  const views = await selectViews(db, actor, sql<SqlBool>`true`);
  return views.filter((v) => {
    const def = findObject(v.object);
    return def !== undefined && can(actor.role, def.area, "read");
  });
}

/** One view; another workspace's view, or one the caller cannot see, is not found. */
export async function getView(db: DbOrTx, actor: Actor, id: string): Promise<SavedView> {
  const [view] = await selectViews(db, actor, sql<SqlBool>`v.id = ${id}`);
  if (!view) throw notFound("saved view", id);
  viewObject(actor, view.object);
  return view;
}

const sharing = {
  visibility: z.enum(VISIBILITIES),
  shared_with_team_id: z.string().trim().min(1).max(100).nullable(),
};

export const createViewSchema = z
  .object({
    object: z.string().trim().min(1).max(80),
    name: z.string().trim().min(1).max(120),
    visibility: sharing.visibility.default("private"),
    shared_with_team_id: sharing.shared_with_team_id.optional(),
    definition: z.unknown(),
  })
  .strict();

export const patchViewSchema = z
  .object({
    version: z.number().int().min(1),
    name: z.string().trim().min(1).max(120).optional(),
    visibility: sharing.visibility.optional(),
    shared_with_team_id: sharing.shared_with_team_id.optional(),
    definition: z.unknown().optional(),
  })
  .strict();

export const parseCreate = (input: unknown) =>
  validate(createViewSchema, input) as z.infer<typeof createViewSchema>;
export const parsePatch = (input: unknown) =>
  validate(patchViewSchema, input) as z.infer<typeof patchViewSchema>;
