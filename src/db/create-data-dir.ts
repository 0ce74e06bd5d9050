import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const ENTRY = fileURLToPath(new URL("./create-data-dir-process.mjs", import.meta.url));

/** Whether an embedded database folder still has to be created (PostgreSQL's initdb has not run in it). */
export const needsInitdb = (dataDir: string) => !existsSync(join(dataDir, "PG_VERSION"));

/**
 * Creates a new embedded database folder in a child process. Creating one runs initdb, whose
 * WebAssembly memory peaks near 900 MB and is never handed back while its engine lives: run in
 * the server's process, a first start would keep ~900 MB for the server's whole life instead of
 * the ~360 MB of any later start (a worker thread gives back only part of it: ~500 MB).
 */
export async function createDataDir(dataDir: string): Promise<void> {
  try {
    await run(process.execPath, [ENTRY, dataDir], { timeout: 300_000 });
  } catch (error) {
    const e = error as Error & { stderr?: string };
    throw new Error(`creating the embedded database in ${dataDir} failed: ${e.stderr?.trim() || e.message}`);
  }
}
