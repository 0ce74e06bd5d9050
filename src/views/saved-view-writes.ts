import { sql } from "kysely";
import type { Db, Tx } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { newId } from "../model/ids.ts";
import { type Actor, type Change, journal } from "../records/index.ts";
import {
  getView,
  parseCreate,
  parsePatch,
  type SavedView,
  type Visibility,
  viewObject,
} from "./saved-views.ts";
import { parseDefinition } from "./view-definition.ts";

const change = (action: string, id: string, before: SavedView | null, after: SavedView | null): Change => ({
  action,
  object: "saved_views",
  singular: "saved_view",
  recordId: id,
  before: before as Record<string, unknown> | null,
  after: after as Record<string, unknown> | null,
});

function ownerOf(actor: Actor): string {
  if (actor.type !== "user" || !actor.id)
    throw new AppError("forbidden", "Saved views belong to a person: sign in as a user to save one");
  return actor.id;
}

/** The team a view is shared with: the one named, or for a team view the owner's own team. */
async function teamFor(tx: Tx, actor: Actor, visibility: Visibility, teamId: string | null | undefined) {
  if (visibility !== "team") {
    if (teamId)
      throw new AppError("validation_failed", "shared_with_team_id: only a team view names a team", {
        field: "shared_with_team_id",
      });
    return null;
  }
  const team =
    teamId ??
    (
      await tx
        .selectFrom("users")
        .select("team_id")
        .where("workspace_id", "=", actor.workspaceId)
        .where("id", "=", actor.id)
        .executeTakeFirst()
    )?.team_id;
  if (!team)
    throw new AppError("validation_failed", "shared_with_team_id: choose a team (you belong to none)", {
      field: "shared_with_team_id",
    });
  const exists = await tx
    .selectFrom("teams")
    .select("id")
    .where("workspace_id", "=", actor.workspaceId)
    .where("id", "=", team)
    .executeTakeFirst();
  if (!exists)
    throw new AppError("validation_failed", `shared_with_team_id: no team ${team} in this workspace`, {
      field: "shared_with_team_id",
    });
  return team as string;
}

export async function createView(db: Db, actor: Actor, input: unknown): Promise<SavedView> {
  const owner = ownerOf(actor);
  const body = parseCreate(input);
  const def = viewObject(actor, body.object);
  const definition = parseDefinition(def, body.definition);
  return db.transaction().execute(async (tx) => {
    const team = await teamFor(tx, actor, body.visibility, body.shared_with_team_id);
    const id = newId("svw");
    await tx
      .insertInto("saved_views")
      .values({
        workspace_id: actor.workspaceId,
        id,
        object: def.key,
        name: body.name,
        owner_user_id: owner,
        visibility: body.visibility,
        shared_with_team_id: team,
        definition: JSON.stringify(definition),
      })
      .execute();
    const view = await getView(tx, actor, id);
    await journal(tx, actor, [change("created", id, null, view)]);
    return view;
  });
}

async function editableView(tx: Tx, actor: Actor, id: string): Promise<SavedView> {
  await sql`select 1 from saved_views where workspace_id = ${actor.workspaceId} and id = ${id} for update`.execute(
    tx,
  );
  const view = await getView(tx, actor, id);
  if (!view.editable)
    throw new AppError("forbidden", "Only the owner of this view (or an admin) may change or delete it");
  return view;
}

/** Changes a view the caller owns; a stale version answers 409 with the view as stored. */
export async function updateView(db: Db, actor: Actor, id: string, input: unknown): Promise<SavedView> {
  const body = parsePatch(input);
  return db.transaction().execute(async (tx) => {
    const before = await editableView(tx, actor, id);
    if (before.version !== body.version) {
      throw new AppError(
        "version_conflict",
        `version: the view is at version ${before.version}, not ${body.version}; someone else saved it first`,
        { field: "version", extra: { current_version: before.version, current: before } },
      );
    }
    const teamGiven = body.shared_with_team_id !== undefined || body.visibility !== undefined;
    // An admin may tidy a shared view, but only its owner decides who sees it.
    if (teamGiven && before.owner_user_id !== actor.id)
      throw new AppError("forbidden", "Only the owner of this view may change who it is shared with");
    const visibility = body.visibility ?? before.visibility;
    const team = teamGiven
      ? await teamFor(tx, actor, visibility, body.shared_with_team_id)
      : before.shared_with_team_id;
    const definition =
      body.definition === undefined
        ? before.definition
        : parseDefinition(viewObject(actor, before.object), body.definition);
    await tx
      .updateTable("saved_views")
      .set({
        name: body.name ?? before.name,
        visibility,
        shared_with_team_id: team,
        definition: JSON.stringify(definition),
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where("workspace_id", "=", actor.workspaceId)
      .where("id", "=", id)
      .execute();
    const after = await getView(tx, actor, id);
    await journal(tx, actor, [change("updated", id, before, after)]);
    return after;
  });
}

export async function deleteView(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await editableView(tx, actor, id);
    await tx
      .deleteFrom("saved_views")
      .where("workspace_id", "=", actor.workspaceId)
      .where("id", "=", id)
      .execute();
    await journal(tx, actor, [change("deleted", id, before, null)]);
  });
}
