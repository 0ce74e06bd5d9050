import { sql } from "kysely";
import { getWorkspace } from "../../workspaces/workspaces.ts";
import { type App, type AppContext, actorOf } from "../context.ts";

export const VERSION = "0.1.0";

export function registerHealthRoutes(app: App, ctx: AppContext): void {
  app.get("/api/health", { config: { public: true } }, async () => {
    await sql`select 1`.execute(ctx.database.db);
    return { status: "ok", database: ctx.database.kind, version: VERSION };
  });
  app.get("/api/workspace", {}, (request) => getWorkspace(ctx.database.db, actorOf(request).workspaceId));
}
