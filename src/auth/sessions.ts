import { sql } from "kysely";
import type { Db } from "../db/types.ts";
import type { Role } from "../model/objects/enums.ts";
import type { Actor } from "../records/actor.ts";
import { randomToken, tokenHash } from "./secrets.ts";

export const SESSION_COOKIE = "revline_session";
export const SESSION_DAYS = 14;

export async function createSession(db: Db, workspaceId: string, userId: string): Promise<string> {
  const token = randomToken();
  await db
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .where("expires_at", "<", sql<Date>`now()`)
    .execute();
  await db
    .insertInto("sessions")
    .values({
      token_hash: tokenHash(token),
      workspace_id: workspaceId,
      user_id: userId,
      expires_at: new Date(Date.now() + SESSION_DAYS * 86_400_000),
    })
    .execute();
  return token;
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash(token)).execute();
}

export async function actorFromSession(db: Db, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", (j) =>
      j.onRef("u.workspace_id", "=", "s.workspace_id").onRef("u.id", "=", "s.user_id"),
    )
    .select(["u.id", "u.workspace_id", "u.role"])
    .where("s.token_hash", "=", tokenHash(token))
    .where("s.expires_at", ">", sql<Date>`now()`)
    .where("u.is_active", "=", true)
    .executeTakeFirst();
  return row ? { type: "user", id: row.id, workspaceId: row.workspace_id, role: row.role as Role } : null;
}
