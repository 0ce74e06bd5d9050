import type { FastifyRequest } from "fastify";
import { AppError } from "../../errors/app-error.ts";
import { apiPath, type ObjectDef } from "../../model/object-def.ts";
import { OBJECTS } from "../../model/registry.ts";
import {
  bulkUpsert,
  createRecord,
  deleteRecord,
  getRecord,
  listRecords,
  patchRecord,
} from "../../records/index.ts";
import { type App, type AppContext, actorOf } from "../context.ts";

const LIST_PARAMS = new Set(["limit", "cursor", "sort", "q", "include_total"]);

function listQuery(request: FastifyRequest) {
  const raw = request.query as Record<string, string | string[]>;
  const filters: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (LIST_PARAMS.has(key)) continue;
    filters[key] = Array.isArray(value) ? value.join(",") : value;
  }
  const one = (name: string) => {
    const v = raw[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const limit = one("limit");
  return {
    limit: limit === undefined ? undefined : Number(limit),
    cursor: one("cursor"),
    sort: one("sort"),
    q: one("q"),
    includeTotal: one("include_total") === "true",
    filters,
  };
}

function ifMatch(request: FastifyRequest): number | undefined {
  const header = request.headers["if-match"];
  if (header === undefined) return undefined;
  const version = Number(String(header).replace(/^W\//, "").replaceAll('"', ""));
  if (!Number.isInteger(version))
    throw new AppError("bad_request", "If-Match: must be the record's version number", { field: "if-match" });
  return version;
}

/** The same seven routes for every object of the model; behaviour lives in src/records. */
function objectRoutes(app: App, ctx: AppContext, def: ObjectDef): void {
  const base = `/api/${apiPath(def)}`;
  const db = ctx.database.db;
  const read = { resource: def.area, access: "read" as const };
  const write = { resource: def.area, access: "write" as const };
  type IdParams = { Params: { id: string } };

  app.get(base, { config: read }, (request) => listRecords(db, actorOf(request), def, listQuery(request)));
  app.get<IdParams>(`${base}/:id`, { config: read }, (request) =>
    getRecord(db, actorOf(request), def, request.params.id),
  );
  if (def.noGenericWrite) return;
  app.post(base, { config: write }, async (request, reply) => {
    reply.status(201);
    return createRecord(db, actorOf(request), def, request.body);
  });
  app.post(`${base}/bulk`, { config: write }, (request) =>
    bulkUpsert(db, actorOf(request), def, request.body),
  );
  app.patch<IdParams>(`${base}/:id`, { config: write }, (request) =>
    patchRecord(db, actorOf(request), def, request.params.id, request.body, ifMatch(request)),
  );
  app.delete<IdParams>(`${base}/:id`, { config: write }, async (request, reply) => {
    await deleteRecord(db, actorOf(request), def, request.params.id);
    reply.status(204);
  });
}

export function registerObjectRoutes(app: App, ctx: AppContext): void {
  for (const def of OBJECTS) objectRoutes(app, ctx, def);
}
