import {
  checkCredentials,
  createSession,
  endSession,
  PERMISSIONS,
  SESSION_COOKIE,
  SESSION_DAYS,
} from "../../auth/index.ts";
import { AppError } from "../../errors/app-error.ts";
import { users } from "../../model/objects/other.objects.ts";
import { getRecord } from "../../records/index.ts";
import { getWorkspace } from "../../workspaces/workspaces.ts";
import { type App, type AppContext, actorOf } from "../context.ts";

export function registerAuthRoutes(app: App, ctx: AppContext): void {
  const db = ctx.database.db;

  app.post(
    "/api/auth/login",
    {
      config: {
        public: true,
        // Ten attempts a minute per address and email: enough for typos, too few for guessing.
        rateLimit: {
          max: 10,
          timeWindow: "1 minute",
          hook: "preHandler",
          keyGenerator: (request) =>
            `${request.ip}:${String((request.body as { email?: unknown } | undefined)?.email ?? "").toLowerCase()}`,
          errorResponseBuilder: (_request, context) =>
            new AppError(
              "rate_limited",
              `Too many sign-in attempts; try again in ${Math.ceil(context.ttl / 1000)} s`,
            ),
        },
      },
    },
    async (request, reply) => {
      const body = (request.body ?? {}) as { email?: unknown; password?: unknown };
      if (typeof body.email !== "string" || body.email.trim() === "") {
        throw new AppError("validation_failed", "email: is required", { field: "email" });
      }
      if (typeof body.password !== "string" || body.password === "") {
        throw new AppError("validation_failed", "password: is required", { field: "password" });
      }
      const user = await checkCredentials(db, body.email, body.password);
      if (!user) throw new AppError("unauthenticated", "Wrong email or password");
      const token = await createSession(db, user.workspaceId, user.id);
      reply.setCookie(SESSION_COOKIE, token, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: ctx.config.secureCookies,
        maxAge: SESSION_DAYS * 86_400,
      });
      const actor = {
        type: "user" as const,
        id: user.id,
        workspaceId: user.workspaceId,
        role: "viewer" as const,
      };
      return { user: await getRecord(db, actor, users, user.id) };
    },
  );

  app.post("/api/auth/logout", { config: { public: true } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await endSession(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    reply.status(204);
  });

  app.get("/api/me", {}, async (request) => {
    const actor = actorOf(request);
    const workspace = await getWorkspace(db, actor.workspaceId);
    const user = actor.type === "user" ? await getRecord(db, actor, users, actor.id!) : null;
    return {
      actor: { type: actor.type, id: actor.id, role: actor.role },
      user,
      workspace,
      permissions: PERMISSIONS[actor.role],
    };
  });
}
