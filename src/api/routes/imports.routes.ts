import { createHash } from "node:crypto";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import multipart from "@fastify/multipart";
import { AppError } from "../../errors/app-error.ts";
import {
  assertCanAccess,
  dryRun,
  formatOf,
  getImport,
  getSourcePriority,
  type ImportWorker,
  importJobId,
  importSummary,
  listImports,
  listRejections,
  PRESETS,
  presetByName,
  recordProvenance,
  rejectedCsv,
  requeueJob,
  setSourcePriority,
  startImport,
  startImportWorker,
  takeOverJob,
} from "../../ingest/index.ts";
import { newId } from "../../model/ids.ts";
import { objectDef } from "../../model/registry.ts";
import { type App, type AppContext, actorOf } from "../context.ts";

export { importsOpenApi } from "./ingest.openapi.ts";

/** Uploaded files wait beside the data folder until their import completes (resume reads them again). */
export const uploadDir = (dataDir: string): string => join(dirname(dataDir), "imports");

interface UploadFields {
  preset?: string;
  mapping?: string;
  object?: string;
  source?: string;
  format?: string;
  date_order?: string;
  dry_run?: string;
}

async function receiveUpload(request: any, dir: string, id: string) {
  const fields: UploadFields = {};
  let file: { path: string; name: string } | undefined;
  for await (const part of request.parts()) {
    if (part.type === "field") {
      (fields as Record<string, string>)[part.fieldname] = String(part.value);
      continue;
    }
    if (file) {
      part.file.resume();
      continue;
    }
    mkdirSync(dir, { recursive: true });
    const name = part.filename || "upload.csv";
    const path = join(dir, `${id}${extname(name).toLowerCase() || ".csv"}`);
    const hash = createHash("sha256");
    const tap = new Transform({
      transform(chunk, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(part.file, tap, createWriteStream(path));
    file = { path, name };
  }
  if (!file)
    throw new AppError("validation_failed", "file: send the file as a multipart part named file", {
      field: "file",
    });
  if (!fields.preset) {
    rmSync(file.path, { force: true });
    throw new AppError("validation_failed", "preset: is required", { field: "preset" });
  }
  return { fields, file };
}

function parseMapping(raw: string | undefined): unknown {
  if (raw === undefined || raw === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError("validation_failed", "mapping: must be a JSON column-mapping document", {
      field: "mapping",
    });
  }
}

export function registerImportRoutes(app: App, ctx: AppContext): void {
  const db = ctx.database.db;
  let worker: ImportWorker | undefined;
  app.addHook("onReady", async () => {
    worker = startImportWorker(db, { log: (message) => app.log.warn(message) });
  });
  app.addHook("onClose", async () => {
    await worker?.stop();
  });
  type IdParams = { Params: { id: string } };

  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: 50 * 1024 ** 3, files: 1, fields: 20 } });
    scope.post("/api/imports", async (request, reply) => {
      const actor = actorOf(request);
      const id = newId("imp");
      const { fields, file } = await receiveUpload(request, uploadDir(ctx.config.dataDir), id);
      try {
        const options = {
          mapping: parseMapping(fields.mapping),
          object: fields.object,
          source: fields.source,
        };
        if (fields.dry_run === "true") {
          const preset = presetByName(fields.preset!, options);
          assertCanAccess(actor, preset.objects, "write");
          const report = await dryRun(file.path, formatOf(file.name, fields.format), preset, {
            dateOrder: fields.date_order,
          });
          rmSync(file.path, { force: true });
          return report;
        }
        const { importRow } = await startImport(db, actor, {
          ...options,
          id,
          path: file.path,
          fileName: file.name,
          preset: fields.preset!,
          format: fields.format === "jsonl" || fields.format === "csv" ? fields.format : undefined,
          dateOrder: fields.date_order,
        });
        worker?.wake();
        reply.status(202);
        return importSummary(importRow);
      } catch (error) {
        rmSync(file.path, { force: true });
        throw error;
      }
    });
  });

  app.get("/api/imports", async (request) => ({
    data: (await listImports(db, actorOf(request).workspaceId)).map(importSummary),
  }));
  app.get("/api/imports/presets", async () => ({
    data: [...PRESETS, presetByName("generic", { object: "contacts" })].map((p) => ({
      name: p.name,
      label: p.name === "generic" ? "Generic CSV / JSON lines (any object, with a column mapping)" : p.label,
      source: p.source,
      objects: p.name === "generic" ? [] : p.objects,
      columns: p.name === "generic" ? [] : p.columns,
      required_columns: p.requiredColumns,
    })),
  }));

  const readableImport = async (request: { params: { id: string } } & Parameters<typeof actorOf>[0]) => {
    const actor = actorOf(request);
    const row = await getImport(db, actor.workspaceId, request.params.id);
    const objects =
      row.preset === "generic"
        ? presetByName("generic", row.options).objects
        : presetByName(row.preset).objects;
    assertCanAccess(actor, objects, "read");
    return row;
  };
  app.get<IdParams>("/api/imports/:id", async (request) => importSummary(await readableImport(request)));
  app.get<IdParams>("/api/imports/:id/rejections", async (request) => {
    const row = await readableImport(request);
    const q = request.query as { after?: string; limit?: string };
    const limit = Math.min(Number(q.limit ?? 100) || 100, 1000);
    return {
      data: await listRejections(db, row.workspace_id, row.id, { after: Number(q.after ?? 0) || 0, limit }),
    };
  });
  app.get<IdParams>("/api/imports/:id/rejected.csv", async (request, reply) => {
    const row = await readableImport(request);
    reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${row.id}-rejected.csv"`);
    return reply.send(Readable.from(rejectedCsv(db, row)));
  });
  app.post<IdParams>("/api/imports/:id/resume", async (request, reply) => {
    const row = await readableImport(request);
    assertCanAccess(actorOf(request), presetByName(row.preset, row.options).objects, "write");
    if (row.status === "completed") throw new AppError("bad_request", "The import is already complete");
    const jobId = await importJobId(db, row.workspace_id, row.id);
    const job = jobId === undefined ? null : await takeOverJob(db, row.workspace_id, jobId);
    if (!job) throw new AppError("duplicate", "The import is running; it goes on from its checkpoint");
    await requeueJob(db, job);
    worker?.wake();
    reply.status(202);
    return importSummary(await getImport(db, row.workspace_id, row.id));
  });

  app.get("/api/source-priority", async (request) => getSourcePriority(db, actorOf(request).workspaceId));
  app.put("/api/source-priority", { config: { resource: "admin", access: "write" } }, async (request) =>
    setSourcePriority(db, actorOf(request).workspaceId, request.body),
  );
  app.get<{ Params: { object: string; id: string } }>("/api/provenance/:object/:id", async (request) => {
    const actor = actorOf(request);
    const def = objectDef(request.params.object);
    assertCanAccess(actor, [def.key], "read");
    return recordProvenance(db, actor, def, request.params.id);
  });
}
