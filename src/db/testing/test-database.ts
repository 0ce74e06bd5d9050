import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { inject } from "vitest";
import { createUser } from "../../auth/index.ts";
import { type Actor, systemActor } from "../../records/actor.ts";
import { createWorkspace, type Workspace } from "../../workspaces/workspaces.ts";
import { connect } from "../connect.ts";
import { migrate } from "../migrate.ts";
import type { Database, Db } from "../types.ts";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const testEngine = (): "pglite" | "postgres" =>
  process.env.REVLINE_TEST_DB === "postgres" ? "postgres" : "pglite";

/**
 * A migrated, empty database for one test file: a copy of the migrated PGlite template, or —
 * with REVLINE_TEST_DB=postgres — a fresh schema on the PostgreSQL server, dropped on close.
 */
export async function openTestDatabase(): Promise<Database> {
  if (testEngine() === "pglite") {
    const blob = new Blob([readFileSync(inject("pgliteTemplate"))]);
    return connect({ loadDataDir: blob });
  }
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = await connect({ databaseUrl: TEST_DATABASE_URL, poolSize: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const database = await connect({ databaseUrl: url.toString(), poolSize: 4 });
  await migrate(database.db);
  return {
    ...database,
    close: async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(database.db);
      await database.close();
    },
  };
}

export interface TestWorkspace {
  workspace: Workspace;
  admin: Actor;
  adminEmail: string;
  password: string;
}

export const TEST_PASSWORD = "correct-horse-battery";

/** A separate workspace with one admin user: tests isolate from each other this way, for free. */
export async function createTestWorkspace(db: Db, name = "Test"): Promise<TestWorkspace> {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${randomBytes(4).toString("hex")}`;
  const workspace = await createWorkspace(db, { name, slug });
  const adminEmail = `admin@${slug}.test`;
  const user = await createUser(db, systemActor(workspace.id), {
    email: adminEmail,
    name: "Admin",
    role: "admin",
    password: TEST_PASSWORD,
  });
  return {
    workspace,
    admin: { type: "user", id: user.id as string, workspaceId: workspace.id, role: "admin" },
    adminEmail,
    password: TEST_PASSWORD,
  };
}
