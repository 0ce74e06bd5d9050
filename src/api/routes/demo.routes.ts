import { type App, type AppContext, actorOf } from "../context.ts";

export function registerDemoRoutes(app: App, ctx: AppContext): void {
  app.post("/api/demo", { config: { resource: "admin", access: "write" } }, async (request) => {
    const body = (request.body ?? {}) as { accounts?: number; seed?: number; now?: unknown };
    // The generator is only loaded when someone asks for demo data.
    const { loadDemo } = await import("../../demo/index.ts");
    return loadDemo(ctx.database.db, actorOf(request).workspaceId, {
      accounts: body.accounts,
      seed: body.seed,
      // An invalid date is refused by the plan, naming `now`.
      now:
        body.now === undefined ? undefined : new Date(typeof body.now === "string" ? body.now : Number.NaN),
    });
  });
}
