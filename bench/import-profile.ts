// Where one import's time goes (a profiling aid for import.bench.ts, not a bench itself): runs
// the same import as `revline import` in import.bench.ts on one connection with Kysely's query log on and prints
// the wall time, the CPU seconds of this process and of its PostgreSQL backends (/proc; load
// on the machine does not change them), the time per kind of statement, and peak RSS.
// `DUMP=file.json` also writes the first contacts INSERT with its parameters (for EXPLAIN).
// Args: DATABASE (postgres URL or a new PGlite data folder) FILE ACCOUNTS_FILE, e.g.
//   node bin/run-ts.mjs bench/import-profile.ts 'postgres://postgres@127.0.0.1:5432/db' c.csv a.csv
import { readFileSync, writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { pgliteParsers } from "../src/db/connect.ts";
import { acceptCopyIn } from "../src/db/copy-in.ts";
import { migrate } from "../src/db/migrate.ts";
import { pgliteDialect } from "../src/db/pglite-dialect.ts";
import { importFile } from "../src/ingest/testing/import-file.ts";
import { systemActor } from "../src/records/actor.ts";
import { peakRssMb } from "../src/runtime/peak-rss.ts";
import { createWorkspace } from "../src/workspaces/workspaces.ts";

const [database, file, accountsFile] = process.argv.slice(2);
const stats = new Map<string, { n: number; ms: number }>();
let recording = false;
let dumped = false;
const log = (event: {
  query: { sql: string; parameters: readonly unknown[] };
  queryDurationMillis: number;
}) => {
  if (!recording) return;
  if (process.env.DUMP && !dumped && event.query.sql.includes('insert into "contacts"')) {
    dumped = true;
    writeFileSync(
      process.env.DUMP,
      JSON.stringify({ sql: event.query.sql, parameters: event.query.parameters }),
    );
  }
  const key = event.query.sql.replace(/\s+/g, " ").trim().slice(0, 70);
  const s = stats.get(key) ?? { n: 0, ms: 0 };
  s.n++;
  s.ms += event.queryDurationMillis;
  stats.set(key, s);
};
const pglite = database.startsWith("postgres")
  ? undefined
  : await PGlite.create({ dataDir: database, parsers: pgliteParsers });
const db = pglite
  ? new Kysely<any>({ dialect: pgliteDialect(pglite), log })
  : new Kysely<any>({
      dialect: new PostgresDialect({
        // Two connections: a batch reads and plans while the previous one writes (runImport).
        pool: new pg.Pool({ connectionString: database, max: 2 }).on("connect", acceptCopyIn),
      }),
      log,
    });
const rss = (label: string) =>
  console.log(
    `${label}: maxRss ${peakRssMb()} MB, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`,
  );
try {
  rss("opened");
  await migrate(db);
  rss("migrated");
  const workspace = await createWorkspace(db, { name: "Bench", slug: `bench-${Date.now()}` });
  const actor = systemActor(workspace.id);
  await importFile(db, actor, accountsFile, "generic", { object: "accounts", source: "crm" });
  rss("accounts imported");
  /** CPU seconds of the PostgreSQL backends serving this database (Linux /proc), or 0 on PGlite. */
  const backendCpu = async () => {
    if (!database.startsWith("postgres")) return new Map<number, number>();
    const { rows } = await sql<{
      pid: number;
    }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
    const out = new Map<number, number>();
    for (const { pid } of rows) {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    }
    return out;
  };
  const cpu0 = process.cpuUsage();
  const backend0 = await backendCpu();
  recording = true;
  const started = performance.now();
  const summary = await importFile(db, actor, file, "generic", { object: "contacts", source: "crm" });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  let backendSeconds = 0;
  for (const [pid, seconds] of await backendCpu()) backendSeconds += seconds - (backend0.get(pid) ?? 0);
  const sqlMs = [...stats.values()].reduce((a, s) => a + s.ms, 0);
  console.log(`rows ${summary.rows} in ${(ms / 1000).toFixed(2)} s; SQL ${(sqlMs / 1000).toFixed(2)} s`);
  console.log(
    `CPU: node ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, PostgreSQL backends ${backendSeconds.toFixed(2)} s`,
  );
  for (const [key, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
    console.log(`${(s.ms / 1000).toFixed(2).padStart(8)} s ${String(s.n).padStart(6)}×  ${key}`);
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 2 ** 20);
  console.log(
    `maxRss ${peakRssMb()} MB; now rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}/${mb(m.heapTotal)}, external ${mb(m.external)} MB`,
  );
} finally {
  await db.destroy();
  await pglite?.close();
}
