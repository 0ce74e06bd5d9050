import { AppError } from "../../errors/app-error.ts";
import {
  listWebhookSources,
  receiveWebhook,
  rotateWebhookSecret,
  SIGNATURE_HEADER,
  STRIPE_SIGNATURE_HEADER,
} from "../../ingest/index.ts";
import { defaultWorkspace, getWorkspace } from "../../workspaces/workspaces.ts";
import { type App, type AppContext, actorOf } from "../context.ts";

export { webhooksOpenApi } from "./ingest.openapi.ts";

const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export function registerWebhookRoutes(app: App, ctx: AppContext): void {
  const db = ctx.database.db;
  type SourceParams = { Params: { source: string } };

  // The signature covers the exact bytes sent, so this route keeps the raw body.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      "*",
      { parseAs: "buffer", bodyLimit: WEBHOOK_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    scope.post<SourceParams>("/api/webhooks/:source", { config: { public: true } }, async (request) => {
      const q = request.query as { workspace?: string };
      const wanted = (request.headers["revline-workspace"] as string | undefined) ?? q.workspace;
      const workspace = wanted ? await getWorkspace(db, wanted) : await defaultWorkspace(db);
      if (!workspace) throw new AppError("not_found", "No such workspace", { field: "workspace" });
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.from("");
      const signature = (request.headers[SIGNATURE_HEADER] ?? request.headers[STRIPE_SIGNATURE_HEADER]) as
        | string
        | undefined;
      return receiveWebhook(db, workspace.id, request.params.source, body, signature);
    });
  });

  app.get("/api/webhook-secrets", { config: { resource: "admin", access: "read" } }, async (request) => ({
    data: await listWebhookSources(db, actorOf(request).workspaceId),
  }));
  app.post<SourceParams>(
    "/api/webhook-secrets/:source",
    { config: { resource: "admin", access: "write" } },
    async (request, reply) => {
      reply.status(201);
      const given = (request.body as { secret?: unknown } | undefined)?.secret;
      return rotateWebhookSecret(db, actorOf(request).workspaceId, request.params.source, given);
    },
  );
}
