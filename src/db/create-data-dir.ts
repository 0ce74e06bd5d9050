import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ENTRY = fileURLToPath(new URL("./create-data-dir-process.mjs", import.meta.url));

/** Whether an embedded database folder still has to be created (PostgreSQL's initdb has not run in it). */
export const needsInitdb = (dataDir: string) => !existsSync(join(dataDir, "PG_VERSION"));

/**
 * Creates a new embedded database folder in a child process. Creating one runs initdb, whose
 * WebAssembly memory peaks near 900 MB and is never handed back while its engine lives: run in
 * the server's process, a first start would keep ~900 MB for the server's whole life instead of
 * the ~360 MB of any later start (a worker thread gives back only part of it: ~500 MB).
 */
export function createDataDir(dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [ENTRY, dataDir], { timeout: 300_000 }, (error, _stdout, stderr) => {
      if (error)
        reject(
          new Error(`creating the embedded database in ${dataDir} failed: ${stderr.trim() || error.message}`),
        );
      else resolve();
    });
  });
}
