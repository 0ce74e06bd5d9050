import type { FastifyRequest } from "fastify";
import { can } from "../../auth/index.ts";
import { AppError } from "../../errors/app-error.ts";
import type { ObjectDef } from "../../model/object-def.ts";
import {
  listRecordQuality,
  QUALITY_OBJECTS,
  qualityObject,
  qualitySummary,
  RULES_VERSION,
  recordQuality,
} from "../../quality/validation/index.ts";
import { type App, type AppContext, actorOf } from "../context.ts";

type Query = Record<string, string | undefined>;
type ObjectParams = { Params: { object: string }; Querystring: Query };
type RecordParams = { Params: { object: string; id: string } };

function integer(raw: string | undefined, field: string, min: number, max: number): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new AppError("bad_request", `${field}: must be a whole number from ${min} to ${max}`, { field });
  return n;
}

/** The scored object of the path, readable by the caller's role (its area). */
function readableObject(request: FastifyRequest, name: string): ObjectDef {
  const def = qualityObject(name);
  const { role } = actorOf(request);
  if (!can(role, def.area, "read"))
    throw new AppError("forbidden", `Role ${role} may not read ${def.area} data`);
  return def;
}

/** Quality scores of records and of each object; the rules and the scoring live in src/quality. */
export function registerQualityRoutes(app: App, ctx: AppContext): void {
  const db = ctx.database.db;

  app.get("/api/quality/summary", {}, async (request) => {
    const { role, workspaceId } = actorOf(request);
    const defs = QUALITY_OBJECTS.filter((def) => can(role, def.area, "read"));
    return { data: await qualitySummary(db, workspaceId, defs), rules_version: RULES_VERSION };
  });

  app.get<ObjectParams>("/api/quality/:object", {}, async (request) => {
    const def = readableObject(request, request.params.object);
    const q = request.query;
    const minScore = integer(q.min_score, "min_score", 0, 100);
    const maxScore = integer(q.max_score, "max_score", 0, 100);
    if (minScore !== undefined && maxScore !== undefined && minScore > maxScore)
      throw new AppError("bad_request", "min_score: must not be above max_score", { field: "min_score" });
    return listRecordQuality(db, actorOf(request).workspaceId, def, {
      minScore,
      maxScore,
      reason: q.reason?.trim() || undefined,
      limit: integer(q.limit, "limit", 1, 500),
      cursor: q.cursor || undefined,
    });
  });

  app.get<RecordParams>("/api/quality/:object/:id", {}, async (request) => {
    const def = readableObject(request, request.params.object);
    return recordQuality(db, actorOf(request).workspaceId, def, request.params.id);
  });
}
