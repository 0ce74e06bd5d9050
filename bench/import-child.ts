// Child processes of import.bench.ts, so the import's peak RSS is its own:
// `prepare DATABASE ACCOUNTS_FILE` creates (PGlite) and migrates the database, a workspace and
// its accounts, and prints the workspace id; `import DATABASE WORKSPACE FILE` imports the
// contacts file into that workspace, as `revline import` would into an existing workspace, and
// prints one JSON line (seconds, rows, this process's peak RSS). Opening a PGlite data folder
// for the first time runs initdb, which alone peaks near 900 MB: that belongs to `prepare`.
import { connect } from "../src/db/connect.ts";
import { migrate } from "../src/db/migrate.ts";
import { importFile } from "../src/ingest/testing/import-file.ts";
import { systemActor } from "../src/records/actor.ts";
import { createWorkspace } from "../src/workspaces/workspaces.ts";

const [mode, database, ...args] = process.argv.slice(2);
const opened = database.startsWith("postgres")
  ? await connect({ databaseUrl: database })
  : await connect({ dataDir: database, sharedBuffers: process.env.REVLINE_EMBEDDED_SHARED_BUFFERS });
try {
  if (mode === "prepare") {
    await migrate(opened.db);
    const workspace = await createWorkspace(opened.db, { name: "Bench", slug: `bench-${Date.now()}` });
    const accounts = await importFile(opened.db, systemActor(workspace.id), args[0], "generic", {
      object: "accounts",
      source: "crm",
    });
    console.log(JSON.stringify({ workspace: workspace.id, accounts: accounts.created }));
  } else {
    const [workspace, file] = args;
    const started = performance.now();
    const summary = await importFile(opened.db, systemActor(workspace), file, "generic", {
      object: "contacts",
      source: "crm",
      batchRows: process.env.BENCH_IMPORT_BATCH_ROWS
        ? Number(process.env.BENCH_IMPORT_BATCH_ROWS)
        : undefined,
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      JSON.stringify({
        seconds,
        rows: summary.rows,
        created: summary.created,
        rejected: summary.rejected,
        maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      }),
    );
  }
} finally {
  await opened.close();
}
