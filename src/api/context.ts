import type { FastifyInstance } from "fastify";
import type { Access, Resource } from "../auth/index.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/types.ts";
import type { Actor } from "../records/actor.ts";

declare module "fastify" {
  interface FastifyRequest {
    actor?: Actor;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
    /** What the route touches and how; checked against the caller's role. */
    resource?: Resource;
    access?: Access;
  }
}

export interface AppContext {
  database: Database;
  config: Config;
}

export type App = FastifyInstance;

/** The signed-in caller; routes run only after the auth hook has set it. */
export function actorOf(request: { actor?: Actor }): Actor {
  if (!request.actor) throw new Error("route reached without an authenticated actor");
  return request.actor;
}
