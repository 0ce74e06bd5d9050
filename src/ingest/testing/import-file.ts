import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "../../db/types.ts";
import type { Actor } from "../../records/index.ts";
import { importSummary } from "../imports/imports.queries.ts";
import { startImport } from "../imports/start-import.ts";
import { runImport } from "../pipeline/run-import.ts";

export const SAMPLES = fileURLToPath(new URL("../../../samples/imports/", import.meta.url));
export const sample = (name: string): string => join(SAMPLES, name);

/** Runs an import to the end in this process and returns its summary (tests and benches). */
export async function importFile(
  db: Db,
  actor: Actor,
  path: string,
  preset: string,
  options: { mapping?: unknown; object?: string; source?: string; batchRows?: number } = {},
) {
  const { importRow } = await startImport(db, actor, { path, preset, ...options });
  const done = await runImport(db, importRow, { actor, job: null, batchRows: options.batchRows });
  return importSummary(done);
}
