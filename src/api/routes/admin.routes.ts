import { createApiKey, createUser, listApiKeys, revokeApiKey } from "../../auth/index.ts";
import { AppError } from "../../errors/app-error.ts";
import { apiPath } from "../../model/object-def.ts";
import { users } from "../../model/objects/other.objects.ts";
import { OBJECTS } from "../../model/registry.ts";
import { getRecord, patchRecord } from "../../records/index.ts";
import { type App, type AppContext, actorOf } from "../context.ts";

const adminRead = { resource: "admin" as const, access: "read" as const };
const adminWrite = { resource: "admin" as const, access: "write" as const };

export function registerAdminRoutes(app: App, ctx: AppContext): void {
  const db = ctx.database.db;
  type IdParams = { Params: { id: string } };

  app.post("/api/api-keys", { config: adminWrite }, async (request, reply) => {
    reply.status(201);
    return createApiKey(db, actorOf(request), (request.body ?? {}) as { name?: unknown; role?: unknown });
  });
  app.get("/api/api-keys", { config: adminRead }, async (request) => ({
    data: await listApiKeys(db, actorOf(request)),
  }));
  app.delete<IdParams>("/api/api-keys/:id", { config: adminWrite }, async (request, reply) => {
    await revokeApiKey(db, actorOf(request), request.params.id);
    reply.status(204);
  });

  // Users carry roles and passwords, so only admins create or change them.
  app.post("/api/users", { config: adminWrite }, async (request, reply) => {
    reply.status(201);
    return createUser(db, actorOf(request), request.body);
  });
  app.patch<IdParams>("/api/users/:id", { config: adminWrite }, (request) =>
    patchRecord(db, actorOf(request), users, request.params.id, request.body, undefined),
  );

  app.get("/api/audit-log", { config: adminRead }, async (request) => {
    const q = request.query as { object?: string; record_id?: string; before?: string; limit?: string };
    const limit = Math.min(Number(q.limit ?? 100) || 100, 500);
    let query = db
      .selectFrom("audit_log")
      .selectAll()
      .where("workspace_id", "=", actorOf(request).workspaceId)
      .orderBy("id", "desc")
      .limit(limit);
    if (q.object) query = query.where("object", "=", q.object);
    if (q.record_id) query = query.where("record_id", "=", q.record_id);
    if (q.before) {
      if (!/^\d+$/.test(q.before))
        throw new AppError("bad_request", "before: must be an audit entry id", { field: "before" });
      query = query.where("id", "<", q.before);
    }
    return { data: await query.execute() };
  });

  // A record's own history is visible to whoever may read the record.
  for (const def of OBJECTS) {
    app.get<IdParams>(
      `/api/${apiPath(def)}/:id/history`,
      { config: { resource: def.area, access: "read" } },
      async (request) => {
        const actor = actorOf(request);
        await getRecord(db, actor, def, request.params.id);
        const data = await db
          .selectFrom("audit_log")
          .select(["id", "actor_type", "actor_id", "action", "before", "after", "occurred_at"])
          .where("workspace_id", "=", actor.workspaceId)
          .where("object", "=", def.key)
          .where("record_id", "=", request.params.id)
          .orderBy("id", "desc")
          .limit(200)
          .execute();
        return { data };
      },
    );
  }
}
