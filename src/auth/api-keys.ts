import { sql } from "kysely";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { newId } from "../model/ids.ts";
import { ROLES, type Role } from "../model/objects/enums.ts";
import type { Actor } from "../records/actor.ts";
import { journal } from "../records/journal.ts";
import { randomToken, tokenHash } from "./secrets.ts";

export interface NewApiKey {
  id: string;
  name: string;
  role: Role;
  /** The secret, shown once: only its hash is stored. */
  key: string;
  prefix: string;
  created_at: Date;
}

export function parseRole(role: unknown, field = "role"): Role {
  if (typeof role !== "string" || !ROLES.includes(role as Role)) {
    throw new AppError("validation_failed", `${field}: must be one of ${ROLES.join(", ")}`, { field });
  }
  return role as Role;
}

export async function createApiKey(
  db: Db,
  actor: Actor,
  input: { name?: unknown; role?: unknown },
): Promise<NewApiKey> {
  if (typeof input.name !== "string" || input.name.trim() === "" || input.name.length > 200) {
    throw new AppError("validation_failed", "name: is required (1–200 characters)", { field: "name" });
  }
  const role = parseRole(input.role);
  const prefix = randomToken(6);
  const key = `rvl_${prefix}_${randomToken()}`;
  const id = newId("key");
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto("api_keys")
      .values({
        workspace_id: actor.workspaceId,
        id,
        name: input.name as string,
        role,
        key_hash: tokenHash(key),
        prefix,
        created_by: actor.id,
      })
      .returning(["created_at"])
      .executeTakeFirstOrThrow();
    await journal(tx, actor, [
      {
        action: "created",
        object: "api_keys",
        singular: "api_key",
        recordId: id,
        before: null,
        after: { id, name: input.name, role, prefix },
      },
    ]);
    return { id, name: input.name as string, role, key, prefix, created_at: row.created_at };
  });
}

export async function actorFromApiKey(db: Db, key: string): Promise<Actor | null> {
  const row = await db
    .selectFrom("api_keys")
    .select(["id", "workspace_id", "role", "last_used_at"])
    .where("key_hash", "=", tokenHash(key))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  // "Last used" is kept to the minute, so a busy key does not turn every read into a write.
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await db
      .updateTable("api_keys")
      .set({ last_used_at: sql`now()` })
      .where("workspace_id", "=", row.workspace_id)
      .where("id", "=", row.id)
      .execute();
  }
  return { type: "api_key", id: row.id, workspaceId: row.workspace_id, role: row.role as Role };
}

export async function listApiKeys(db: Db, actor: Actor) {
  return db
    .selectFrom("api_keys")
    .select(["id", "name", "role", "prefix", "created_by", "created_at", "last_used_at", "revoked_at"])
    .where("workspace_id", "=", actor.workspaceId)
    .orderBy("created_at", "desc")
    .execute();
}

export async function revokeApiKey(db: Db, actor: Actor, id: string): Promise<void> {
  const result = await db
    .updateTable("api_keys")
    .set({ revoked_at: sql`now()` })
    .where("workspace_id", "=", actor.workspaceId)
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n)
    throw new AppError("not_found", `No active API key with id ${id}`, { field: "id" });
}

const LOCAL_CLI_KEY = "local CLI";

/** The key the running server shares with CLI commands on the same machine; replaced at each start. */
export async function rotateLocalCliKey(db: Db, actor: Actor): Promise<NewApiKey> {
  await db
    .updateTable("api_keys")
    .set({ revoked_at: sql`now()` })
    .where("workspace_id", "=", actor.workspaceId)
    .where("name", "=", LOCAL_CLI_KEY)
    .where("revoked_at", "is", null)
    .execute();
  return createApiKey(db, actor, { name: LOCAL_CLI_KEY, role: "admin" });
}
