import { createUser } from "../auth/index.ts";
import { randomToken } from "../auth/secrets.ts";
import type { Config } from "../config.ts";
import { connect } from "../db/connect.ts";
import { migrate } from "../db/migrate.ts";
import type { Database } from "../db/types.ts";
import { systemActor } from "../records/actor.ts";
import { createWorkspace, defaultWorkspace, type Workspace } from "../workspaces/workspaces.ts";

export interface Opened {
  database: Database;
  workspace: Workspace;
  /** Set when this start created the first admin. */
  createdAdmin?: { email: string; password: string; generated: boolean };
  migrated: string[];
}

export async function openDatabase(config: Config): Promise<Database> {
  return connect(
    config.databaseUrl
      ? { databaseUrl: config.databaseUrl }
      : { dataDir: config.dataDir, sharedBuffers: config.embeddedSharedBuffers },
  );
}

/**
 * Opens the database, applies pending migrations and makes sure a default workspace with an
 * admin exists (REVLINE_ADMIN_EMAIL / REVLINE_ADMIN_PASSWORD, or a generated password).
 */
export async function bootstrap(config: Config): Promise<Opened> {
  const database = await openDatabase(config);
  try {
    const migrated = await migrate(database.db);
    let workspace = await defaultWorkspace(database.db);
    let createdAdmin: Opened["createdAdmin"];
    if (!workspace) {
      workspace = await createWorkspace(database.db, { name: "Acme Cloud (demo)", slug: "default" });
      const generated = !config.adminPassword;
      const email = config.adminEmail ?? "admin@revline.local";
      const password = config.adminPassword ?? randomToken(12);
      await createUser(database.db, systemActor(workspace.id), {
        email,
        name: "Admin",
        role: "admin",
        password,
      });
      createdAdmin = { email, password, generated };
    }
    return { database, workspace, createdAdmin, migrated };
  } catch (error) {
    await database.close();
    throw error;
  }
}
