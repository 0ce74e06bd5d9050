// Child process of import.bench.ts: imports a generated contacts file into a fresh workspace
// and prints one JSON line (seconds, rows, this process's peak RSS), so the peak memory is the
// import's own. Args: DATABASE (postgres URL or PGlite data folder) FILE ACCOUNTS_FILE.
import { connect } from "../src/db/connect.ts";
import { migrate } from "../src/db/migrate.ts";
import { importFile } from "../src/ingest/testing/import-file.ts";
import { systemActor } from "../src/records/actor.ts";
import { createWorkspace } from "../src/workspaces/workspaces.ts";

const [database, file, accountsFile] = process.argv.slice(2);
const opened = database.startsWith("postgres")
  ? await connect({ databaseUrl: database })
  : await connect({ dataDir: database });
try {
  await migrate(opened.db);
  const workspace = await createWorkspace(opened.db, { name: "Bench", slug: `bench-${Date.now()}` });
  const actor = systemActor(workspace.id);
  const accounts = await importFile(opened.db, actor, accountsFile, "generic", {
    object: "accounts",
    source: "crm",
  });
  const started = performance.now();
  const summary = await importFile(opened.db, actor, file, "generic", { object: "contacts", source: "crm" });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      seconds,
      rows: summary.rows,
      created: summary.created,
      rejected: summary.rejected,
      accounts: accounts.created,
      workspace: workspace.id,
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
} finally {
  await opened.close();
}
