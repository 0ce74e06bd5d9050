import type { FastifyReply, FastifyRequest } from "fastify";
import { actorFromApiKey, actorFromSession, can, SESSION_COOKIE } from "../auth/index.ts";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";

/**
 * Resolves the caller from `Authorization: Bearer KEY` or the session cookie, then checks the
 * route's resource and access against the caller's role. Every /api route not marked public
 * goes through it.
 */
export function authHook(db: Db) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const config = request.routeOptions.config;
    if (config.public || !request.url.startsWith("/api/")) return;
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match)
        throw new AppError("unauthenticated", "Authorization: use 'Bearer <API key>'", {
          field: "authorization",
        });
      request.actor = (await actorFromApiKey(db, match[1])) ?? undefined;
      if (!request.actor)
        throw new AppError("unauthenticated", "Authorization: unknown or revoked API key", {
          field: "authorization",
        });
    } else {
      const token = request.cookies[SESSION_COOKIE];
      request.actor = token ? ((await actorFromSession(db, token)) ?? undefined) : undefined;
      if (!request.actor)
        throw new AppError("unauthenticated", "Sign in, or send an API key as 'Authorization: Bearer <key>'");
    }
    if (config.resource && !can(request.actor.role, config.resource, config.access ?? "read")) {
      throw new AppError(
        "forbidden",
        `Role ${request.actor.role} may not ${config.access ?? "read"} ${config.resource} data`,
      );
    }
  };
}
