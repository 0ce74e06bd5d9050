import { mkdirSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { acceptCopyIn } from "./copy-in.ts";
import { createDataDir, needsInitdb } from "./create-data-dir.ts";
import { DATE, INT8, keepString, NUMERIC, toNumber } from "./parsers.ts";
import { pgliteDialect } from "./pglite-dialect.ts";
import type { Database } from "./types.ts";

pg.types.setTypeParser(INT8, toNumber);
pg.types.setTypeParser(NUMERIC, toNumber);
pg.types.setTypeParser(DATE, keepString);

export const pgliteParsers = { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: keepString };

export interface ConnectOptions {
  /** postgres://… to use a PostgreSQL server. */
  databaseUrl?: string;
  /** Folder of the embedded database; omitted = in memory. */
  dataDir?: string;
  /** A PGlite data-dir dump to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob;
  poolSize?: number;
  /**
   * Embedded database only: PostgreSQL's shared_buffers (e.g. "32MB"; default 128MB). The engine
   * lives in Revline's process and touches all of it at start: 32MB saves ~100 MB of memory for
   * reads ~20% slower on a 10,000-account workspace.
   */
  sharedBuffers?: string;
  /**
   * Embedded database only: compile the engine's WebAssembly with V8's baseline compiler alone
   * (--liftoff-only, for the whole process). Its optimizing tier costs ~60 MB of memory once the
   * engine has been busy for a while; without it an import of 1,000,000 contacts runs ~30 %
   * slower (docs/imports.md, "Speed and memory").
   */
  lowMemory?: boolean;
}

export async function connect(options: ConnectOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on("connect", acceptCopyIn);
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: "postgres", close: () => db.destroy() };
  }
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    if (!options.loadDataDir && needsInitdb(options.dataDir)) await createDataDir(options.dataDir);
  }
  if (options.lowMemory) setFlagsFromString("--liftoff-only");
  // Loaded only for the embedded database: the WASM engine costs ~40 MB of memory to load.
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    parsers: pgliteParsers,
    ...(options.sharedBuffers
      ? { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${options.sharedBuffers}`] }
      : {}),
  });
  const db = new Kysely<any>({ dialect: pgliteDialect(pglite) });
  return {
    db,
    kind: "pglite",
    dumpDataDir: async () => (await pglite.dumpDataDir("none")) as Blob,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
