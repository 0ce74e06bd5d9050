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

/**
 * Who opens the database: the server, which keeps it open and serves reads from its cache, a
 * one-shot CLI command (an export, a report) that works on the data folder itself, or a CLI
 * import, which streams a whole file through the engine.
 */
export type OpenedBy = "server" | "command" | "import";

/**
 * The embedded database's shared_buffers for a one-shot command, or in low-memory mode, when
 * REVLINE_EMBEDDED_SHARED_BUFFERS is unset. A command's cache dies with it, so the server's 128MB
 * would only make the command bigger: an import of 100,000 contacts peaks ~100 MB lower at 32MB,
 * in the same time (docs/imports.md, "Speed and memory").
 */
export const LEAN_SHARED_BUFFERS = "32MB";

/**
 * How the embedded engine runs for a kind of process. Low-memory mode (V8's baseline compiler
 * only) is what REVLINE_EMBEDDED_LOW_MEMORY says, and when unset, on for a CLI import only: it
 * keeps `revline import` under 400 MB at any file size (342–363 MB against 382–448 MB), for an
 * import ~30 % slower; the server and the other commands keep the optimizing compiler.
 */
export function embeddedSettings(
  config: Config,
  openedBy: OpenedBy,
): { sharedBuffers: string | undefined; lowMemory: boolean } {
  const lowMemory = config.embeddedLowMemory ?? openedBy === "import";
  const lean = openedBy !== "server" || lowMemory;
  return {
    sharedBuffers: config.embeddedSharedBuffers ?? (lean ? LEAN_SHARED_BUFFERS : undefined),
    lowMemory,
  };
}

export async function openDatabase(config: Config, openedBy: OpenedBy = "server"): Promise<Database> {
  if (config.databaseUrl) return connect({ databaseUrl: config.databaseUrl });
  return connect({ dataDir: config.dataDir, ...embeddedSettings(config, openedBy) });
}

/**
 * Opens the database, applies pending migrations and makes sure a default workspace with an
 * admin exists (REVLINE_ADMIN_EMAIL / REVLINE_ADMIN_PASSWORD, or a generated password).
 */
export async function bootstrap(config: Config, openedBy: OpenedBy = "server"): Promise<Opened> {
  const database = await openDatabase(config, openedBy);
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
