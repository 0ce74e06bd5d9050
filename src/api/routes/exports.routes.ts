import { Readable } from "node:stream";
import { assertCanAccess, exportFormat, exportRecords } from "../../ingest/index.ts";
import { objectDef } from "../../model/registry.ts";
import { listRecords } from "../../records/index.ts";
import { type App, type AppContext, actorOf } from "../context.ts";

export { exportsOpenApi } from "./ingest.openapi.ts";

const CONTROL = new Set(["format", "sort", "q", "limit", "cursor", "include_total"]);

export function registerExportRoutes(app: App, ctx: AppContext): void {
  const db = ctx.database.db;
  app.get<{ Params: { object: string } }>("/api/exports/:object", async (request, reply) => {
    const actor = actorOf(request);
    const def = objectDef(request.params.object);
    assertCanAccess(actor, [def.key], "read");
    const raw = request.query as Record<string, string | string[]>;
    const one = (name: string) => (Array.isArray(raw[name]) ? raw[name][0] : raw[name]) as string | undefined;
    const format = exportFormat(one("format"));
    const filters: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw))
      if (!CONTROL.has(key)) filters[key] = Array.isArray(value) ? value.join(",") : value;
    const query = { filters, sort: one("sort"), q: one("q") };
    // Bad filters are refused with 400 before the stream starts.
    await listRecords(db, actor, def, { ...query, limit: 1 });
    const name = `${def.key}.${format}`;
    reply
      .type(format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8")
      .header("content-disposition", `attachment; filename="${name}"`);
    return reply.send(Readable.from(exportRecords(db, actor, def, format, query)));
  });
}
