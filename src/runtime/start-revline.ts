import { buildServer } from "../api/server.ts";
import { rotateLocalCliKey } from "../auth/index.ts";
import { progressBar } from "../cli/progress.ts";
import { loadConfig } from "../config.ts";
import { startSnapshotScheduler } from "../forecast/index.ts";
import { systemActor } from "../records/actor.ts";
import { bootstrap } from "./bootstrap.ts";
import { readLock, removeLock, writeLock } from "./server-lock.ts";
import { keepStatisticsFresh } from "./statistics-upkeep.ts";
import { ensureWebBuilt } from "./web-build.ts";

export interface StartOptions {
  port?: string;
  demo: boolean;
  dev?: boolean;
}

/** `revline start`: migrate, load demo data on first run, serve the API and web app until stopped. */
export async function startRevline(options: StartOptions): Promise<void> {
  const config = loadConfig();
  if (options.port !== undefined) config.port = Number(options.port);
  const running = config.databaseUrl ? undefined : readLock(config.dataDir);
  if (running)
    throw new Error(
      `a Revline server (pid ${running.pid}) already runs on ${config.dataDir} at ${running.url}`,
    );

  if (!options.dev) await ensureWebBuilt((line) => console.log(line));
  const opened = await bootstrap(config);
  const { database, workspace } = opened;
  const actor = systemActor(workspace.id);
  if (opened.migrated.length > 0) console.log(`Applied migrations: ${opened.migrated.join(", ")}`);
  if (options.demo && opened.createdAdmin) {
    const { loadDemo } = await import("../demo/index.ts");
    const bar = progressBar("Loading demo data");
    const summary = await loadDemo(database.db, workspace.id, {}, (p) =>
      bar.update(p.rows, p.totalRows, p.table),
    );
    bar.stop();
    const total = Object.values(summary.rows as Record<string, number>).reduce((a, b) => a + b, 0);
    console.log(`Demo workspace loaded: ${total.toLocaleString()} rows in ${summary.seconds.toFixed(1)} s`);
  }

  const app = await buildServer(
    { database, config },
    { logger: config.logLevel !== "silent" && config.logLevel !== "info" },
  );
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace("[::1]", "localhost");
  if (database.kind === "pglite") {
    const key = await rotateLocalCliKey(database.db, actor);
    writeLock({ pid: process.pid, url, apiKey: key.key, dataDir: config.dataDir });
  }
  const stopUpkeep = keepStatisticsFresh(database, (line) => console.error(line));

  console.log(`\nRevline is running at ${url}`);
  console.log(
    database.kind === "pglite"
      ? `Database: embedded PGlite in ${config.dataDir}`
      : "Database: PostgreSQL (DATABASE_URL)",
  );
  if (opened.createdAdmin) {
    console.log(`Sign in as ${opened.createdAdmin.email} with password ${opened.createdAdmin.password}`);
    if (opened.createdAdmin.generated)
      console.log("(generated now and shown once; set REVLINE_ADMIN_PASSWORD to choose it)");
  } else {
    console.log(
      "Sign in with your account; reset a password with `revline user set-password --email … --password …`",
    );
  }
  console.log(`API reference: ${url}/docs   OpenAPI: ${url}/openapi.json`);

  // Weekly forecast snapshots (idempotent per week, so restarts add none).
  const snapshots = startSnapshotScheduler(database.db);

  const stop = async () => {
    snapshots.stop();
    removeLock(config.dataDir);
    stopUpkeep();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
