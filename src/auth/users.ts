import { z } from "zod";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { newId } from "../model/ids.ts";
import type { Role } from "../model/objects/enums.ts";
import { users } from "../model/objects/other.objects.ts";
import type { Actor } from "../records/actor.ts";
import { journal } from "../records/journal.ts";
import { issuesToDetails } from "../records/record-schema.ts";
import { toApi } from "../records/write-record.ts";
import { parseRole } from "./api-keys.ts";
import { hashPassword, verifyPassword } from "./secrets.ts";

export const MIN_PASSWORD = 10;

const newUserSchema = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email({ message: "must be a valid email address" })),
    name: z.string().trim().min(1).max(200),
    role: z.string(),
    password: z.string().min(MIN_PASSWORD, `must be at least ${MIN_PASSWORD} characters`).max(512),
    team_id: z.string().nullish(),
    title: z.string().max(200).nullish(),
  })
  .strict();

export interface NewUser {
  email: string;
  name: string;
  role: Role | string;
  password: string;
  team_id?: string | null;
  title?: string | null;
}

export async function createUser(db: Db, actor: Actor, input: unknown) {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    const details = issuesToDetails(parsed.error.issues, undefined, input);
    throw new AppError("validation_failed", details.map((d) => d.message).join("; "), {
      field: details[0]?.field,
      details,
    });
  }
  const { password, ...data } = parsed.data;
  const role = parseRole(data.role);
  const password_hash = await hashPassword(password);
  try {
    return await db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto("users")
        .values({ ...data, role, password_hash, workspace_id: actor.workspaceId, id: newId("usr") })
        .returningAll()
        .executeTakeFirstOrThrow();
      const after = toApi(users, row);
      await journal(tx, actor, [
        { action: "created", object: "users", singular: "user", recordId: row.id, before: null, after },
      ]);
      return after;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "23505") {
      throw new AppError("duplicate", "email: a user with this email already exists in this workspace", {
        field: "email",
      });
    }
    if ((error as { code?: string }).code === "23503") {
      throw new AppError("reference_not_found", "team_id: no such team in this workspace", {
        field: "team_id",
      });
    }
    throw error;
  }
}

// Verifying against a fixed hash when the email is unknown keeps sign-in time the same either way.
let dummyHash: Promise<string> | undefined;

export async function checkCredentials(db: Db, email: string, password: string) {
  const user = await db
    .selectFrom("users")
    .select(["id", "workspace_id", "password_hash", "is_active"])
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.trim().toLowerCase()))
    .executeTakeFirst();
  if (!user) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(await dummyHash, password);
    return null;
  }
  const ok = (await verifyPassword(user.password_hash, password)) && user.is_active;
  return ok ? { id: user.id as string, workspaceId: user.workspace_id as string } : null;
}

export async function setPassword(
  db: Db,
  workspaceId: string,
  userId: string,
  password: string,
): Promise<void> {
  if (password.length < MIN_PASSWORD) {
    throw new AppError("validation_failed", `password: must be at least ${MIN_PASSWORD} characters`, {
      field: "password",
    });
  }
  await db
    .updateTable("users")
    .set({ password_hash: await hashPassword(password) })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", userId)
    .execute();
}
