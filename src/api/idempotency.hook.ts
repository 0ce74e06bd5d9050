import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sql } from "kysely";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";

declare module "fastify" {
  interface FastifyRequest {
    idempotencyKey?: string;
  }
}

/** Keys are kept this long; a retry after that is treated as a new request. */
const KEEP_HOURS = 24;

/**
 * `Idempotency-Key` on POST: the first request with a key is run and its response stored; a
 * retry with the same key and body gets the stored response (header `Idempotent-Replayed`),
 * the same key with another body is refused. The key is reserved before the handler runs, so
 * two concurrent retries cannot both run it.
 */
export function registerIdempotency(app: FastifyInstance, db: Db): void {
  app.addHook("preHandler", async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers["idempotency-key"];
    if (request.method !== "POST" || typeof key !== "string" || !request.actor) return;
    if (key.length === 0 || key.length > 255) {
      throw new AppError("bad_request", "Idempotency-Key: must be 1–255 characters", {
        field: "idempotency-key",
      });
    }
    const workspaceId = request.actor.workspaceId;
    const hash = createHash("sha256")
      .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest("hex");
    await sql`delete from idempotency_keys where workspace_id = ${workspaceId} and key = ${key}
      and created_at < now() - make_interval(hours => ${KEEP_HOURS})`.execute(db);
    const reserved =
      await sql`insert into idempotency_keys (workspace_id, key, method, path, request_hash, status_code, response)
      values (${workspaceId}, ${key}, ${request.method}, ${request.url}, ${hash}, 0, 'null'::jsonb)
      on conflict do nothing returning key`.execute(db);
    if (reserved.rows.length === 1) {
      request.idempotencyKey = key;
      return;
    }
    const stored = await db
      .selectFrom("idempotency_keys")
      .select(["request_hash", "status_code", "response"])
      .where("workspace_id", "=", workspaceId)
      .where("key", "=", key)
      .executeTakeFirstOrThrow();
    if (stored.request_hash !== hash) {
      throw new AppError(
        "idempotency_conflict",
        "Idempotency-Key: this key was already used with a different request",
        {
          field: "idempotency-key",
        },
      );
    }
    if (stored.status_code === 0) {
      throw new AppError(
        "idempotency_conflict",
        "Idempotency-Key: a request with this key is still running; retry shortly",
        {
          field: "idempotency-key",
        },
      );
    }
    reply.header("idempotent-replayed", "true");
    return reply.status(stored.status_code).send(stored.response);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const key = request.idempotencyKey;
    if (!key || !request.actor) return payload;
    const workspaceId = request.actor.workspaceId;
    if (reply.statusCode >= 500) {
      await db
        .deleteFrom("idempotency_keys")
        .where("workspace_id", "=", workspaceId)
        .where("key", "=", key)
        .execute();
    } else {
      await db
        .updateTable("idempotency_keys")
        .set({
          status_code: reply.statusCode,
          response: typeof payload === "string" && payload !== "" ? payload : "null",
        })
        .where("workspace_id", "=", workspaceId)
        .where("key", "=", key)
        .execute();
    }
    return payload;
  });
}
