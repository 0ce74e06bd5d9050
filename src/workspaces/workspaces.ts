import type { Db } from "../db/types.ts";
import { newId } from "../model/ids.ts";

export interface Workspace {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  reporting_currency: string;
}

export async function createWorkspace(
  db: Db,
  input: { name: string; slug: string; timezone?: string; reporting_currency?: string },
): Promise<Workspace> {
  return (await db
    .insertInto("workspaces")
    .values({ id: newId("wsp"), ...input })
    .returning(["id", "name", "slug", "timezone", "reporting_currency"])
    .executeTakeFirstOrThrow()) as Workspace;
}

/** The first workspace created: the one `revline start` opens and the CLI acts on. */
export async function defaultWorkspace(db: Db): Promise<Workspace | undefined> {
  return (await db
    .selectFrom("workspaces")
    .select(["id", "name", "slug", "timezone", "reporting_currency"])
    .orderBy("created_at")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst()) as Workspace | undefined;
}

export async function getWorkspace(db: Db, id: string): Promise<Workspace | undefined> {
  return (await db
    .selectFrom("workspaces")
    .select(["id", "name", "slug", "timezone", "reporting_currency"])
    .where("id", "=", id)
    .executeTakeFirst()) as Workspace | undefined;
}
