import { basename } from "node:path";
import type { DbOrTx } from "../../db/types.ts";
import { newId } from "../../model/ids.ts";
import type { Actor } from "../../records/index.ts";
import { type FileFormat, formatOf, inspectFileFor } from "../pipeline/inspect-file.ts";
import { presetByName } from "../presets/presets.ts";
import { dateOrderOption } from "../presets/values.ts";
import { assertCanAccess } from "./access.ts";
import { createImport, type ImportRow } from "./imports.queries.ts";

export interface ImportRequest {
  path: string;
  /** Name to show (an upload's original name); defaults to the path's base name. */
  fileName?: string;
  preset: string;
  mapping?: unknown;
  object?: string;
  source?: string;
  format?: FileFormat;
  /** Month or day first in all-numeric dates; by default what the file's first rows show, else month first. */
  dateOrder?: string;
  /** Import id chosen beforehand (an upload is stored under it). */
  id?: string;
}

/**
 * Checks an import before anything is written — preset, mapping, the caller's rights on every
 * object it writes, the file's columns — then records it and queues its job. The file is read
 * from `path` until the import completes, so a resumed import finds it again.
 */
export async function startImport(
  db: DbOrTx,
  actor: Actor,
  request: ImportRequest,
): Promise<{ importRow: ImportRow; jobId: number }> {
  const preset = presetByName(request.preset, request);
  const dateOrder = dateOrderOption(request.dateOrder);
  assertCanAccess(actor, preset.objects, "write");
  const fileName = request.fileName ?? basename(request.path);
  const format = formatOf(fileName, request.format);
  const facts = await inspectFileFor(request.path, format, preset);
  return createImport(
    db,
    actor.workspaceId,
    {
      preset: preset.name,
      source: preset.source,
      format,
      fileName,
      filePath: request.path,
      sha256: facts.sha256,
      size: facts.size,
      options: {
        ...(request.mapping !== undefined ? { mapping: request.mapping } : {}),
        ...(request.object ? { object: request.object } : {}),
        ...(request.source ? { source: request.source } : {}),
        delimiter: facts.delimiter,
        encoding: facts.encoding,
        dateOrder: dateOrder ?? facts.dateOrder ?? "mdy",
        dataStart: facts.dataStart,
        actor: { type: actor.type, id: actor.id, role: actor.role },
      },
      columns: facts.columns,
      createdBy: actor.id,
    },
    request.id ?? newId("imp"),
  );
}
