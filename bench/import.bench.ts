// Import of generated contacts from a generic CSV (`revline export` format, references to
// accounts by external id) against a plain COPY of the same file into a bare table, on the
// same database in the same run: PostgreSQL (a throwaway schema) and PGlite. The import is
// `revline import` itself, in its own process so its peak RSS is its own, at two sizes.
// Env: BENCH_IMPORT_ROWS (default 1000000), BENCH_IMPORT_SMALL_ROWS (100000),
// BENCH_IMPORT_ENGINES (postgres,pglite,pglite-fast: PGlite as `revline import` runs it by
// default, in low-memory mode, and with REVLINE_EMBEDDED_LOW_MEMORY=0), BENCH_PG_URL
// (postgres://postgres@127.0.0.1:5432/test).
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, sql } from "kysely";
import { connect, pgliteParsers } from "../src/db/connect.ts";
import { pgliteDialect } from "../src/db/pglite-dialect.ts";

const run = promisify(execFile);
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const SMALL = Number(process.env.BENCH_IMPORT_SMALL_ROWS ?? 100_000);
const ENGINES = (process.env.BENCH_IMPORT_ENGINES ?? "postgres,pglite,pglite-fast").split(",");
/** What each engine's `revline` runs with, besides the database. */
const ENGINE_ENV: Record<string, Record<string, string>> = {
  "pglite-fast": { REVLINE_EMBEDDED_LOW_MEMORY: "0" },
};
const PG_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const ACCOUNTS = 10_000;
const STAGES = ["subscriber", "lead", "mql", "sql", "opportunity", "customer"];
const HEADER =
  "external_id,first_name,last_name,email,phone,title,country,lifecycle_stage,lead_source,account_external_id";
const COLUMNS = HEADER.split(",");

async function writeLines(path: string, header: string, n: number, line: (i: number) => string) {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  let buffer = "";
  for (let i = 1; i <= n; i++) {
    buffer += `${line(i)}\n`;
    if (i % 10_000 === 0) {
      if (!out.write(buffer)) await new Promise<void>((r) => out.once("drain", () => r()));
      buffer = "";
    }
  }
  await new Promise<void>((r) => {
    out.end(buffer, () => r());
  });
  chmodSync(path, 0o644);
}

const FIRST = ["Ada", "Grace", "Alan", "Linus", "Margaret", "Ken", "Barbara", "Donald", "Frances", "John"];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Torvalds",
  "Hamilton",
  "Thompson",
  "Liskov",
  "Knuth",
  "Allen",
  "McCarthy",
];
const contactLine = (i: number) => {
  const f = FIRST[i % 10];
  const l = LAST[(i * 7) % 10];
  return `c${String(i).padStart(8, "0")},${f},${l},${f.toLowerCase()}.${l.toLowerCase()}${i}@example${i % 5000}.com,+1 555 ${String(i % 10_000).padStart(4, "0")},"Head of Ops, EMEA",US,${STAGES[i % 6]},Organic Search,a${(i % ACCOUNTS) + 1}`;
};

const REVLINE = new URL("../bin/revline.mjs", import.meta.url).pathname;
const PEAK_RSS = new URL("./peak-rss.mjs", import.meta.url).pathname;

/** `revline import FILE --json` as a user runs it; its summary and its own peak RSS. */
async function revlineImport(env: Record<string, string>, file: string, object: string) {
  const { stdout, stderr } = await run(
    process.execPath,
    [
      "--import",
      PEAK_RSS,
      REVLINE,
      "import",
      file,
      "--preset",
      "generic",
      "--object",
      object,
      "--source",
      "crm",
      "--json",
    ],
    { env: { ...process.env, ...env }, maxBuffer: 16 << 20, timeout: 4 * 3600_000 },
  );
  const summary = JSON.parse(stdout.trim().split("\n").at(-1)!) as {
    rows: number;
    created: number;
    rejected: number;
  };
  const peak = /PEAK_RSS_MB (\d+)/.exec(stderr);
  if (!peak) throw new Error(`no peak RSS reported: ${stderr}`);
  return { ...summary, maxRssMb: Number(peak[1]) };
}

/**
 * A database with the accounts in place (one CLI run: creates and migrates it), then the timed
 * contacts import (another). Opening a PGlite data folder for the first time runs initdb, which
 * alone peaks near 900 MB: that belongs to the first run.
 */
async function child(engine: string, database: string, file: string, accounts: string) {
  const env: Record<string, string> = {
    ...ENGINE_ENV[engine],
    ...(engine === "postgres" ? { DATABASE_URL: database } : { REVLINE_DATA_DIR: database }),
  };
  await revlineImport(env, accounts, "accounts");
  const started = performance.now();
  const summary = await revlineImport(env, file, "contacts");
  return { ...summary, seconds: (performance.now() - started) / 1000 };
}

/** COPY of the file into a bare table of text columns, then the same rows into a table shaped like contacts (its indexes). */
async function copyBaselines(db: Kysely<any>, copy: (table: string) => Promise<void>) {
  await sql
    .raw(`drop table if exists bench_bare; create table bench_bare (${COLUMNS.map((c) => `${c} text`).join(", ")});
    drop table if exists bench_indexed; create table bench_indexed (like contacts including defaults including indexes)`)
    .execute(db);
  let t = performance.now();
  await copy("bench_bare");
  const copySeconds = (performance.now() - t) / 1000;
  t = performance.now();
  await sql`insert into bench_indexed (workspace_id, id, source, external_id, first_name, last_name, email, phone, title, country, lifecycle_stage, lead_source)
    select 'w', 'con_' || external_id, 'crm', external_id, first_name, last_name, email, phone, title, country, lifecycle_stage, lead_source
    from bench_bare`.execute(db);
  const indexedSeconds = (performance.now() - t) / 1000;
  await sql`drop table bench_bare; drop table bench_indexed`.execute(db);
  return { copySeconds, indexedSeconds };
}

/** A database for one run: a throwaway schema on PostgreSQL, a new data folder for PGlite. */
async function newDatabase(engine: string, dir: string, name: string, schemas: string[]) {
  if (engine !== "postgres") return join(dir, `${engine}-${name}`);
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const admin = await connect({ databaseUrl: PG_URL });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  schemas.push(schema);
  const url = new URL(PG_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

async function benchEngine(
  engine: string,
  dir: string,
  files: { big: string; small: string; accounts: string },
) {
  const schemas: string[] = [];
  try {
    const smallDatabase = await newDatabase(engine, dir, "small", schemas);
    const small = await child(engine, smallDatabase, files.small, files.accounts);
    const database = await newDatabase(engine, dir, "big", schemas);
    const big = await child(engine, database, files.big, files.accounts);
    let baseline: { copySeconds: number; indexedSeconds: number };
    if (engine === "postgres") {
      const opened = await connect({ databaseUrl: database });
      baseline = await copyBaselines(opened.db, (table) =>
        sql
          .raw(`copy ${table} from '${files.big}' with (format csv, header true)`)
          .execute(opened.db)
          .then(() => {}),
      );
      await opened.close();
    } else {
      const pglite = await PGlite.create({ dataDir: database, parsers: pgliteParsers });
      const db = new Kysely<any>({ dialect: pgliteDialect(pglite) });
      const blob = new Blob([readFileSync(files.big)]);
      baseline = await copyBaselines(db, async (table) => {
        await pglite.query(`copy ${table} from '/dev/blob' with (format csv, header true)`, [], { blob });
      });
      await db.destroy();
      await pglite.close();
    }
    const importRate = big.rows / big.seconds;
    const result = {
      rows: big.rows,
      importSeconds: Number(big.seconds.toFixed(2)),
      importRowsPerSecond: Math.round(importRate),
      copyRowsPerSecond: Math.round(big.rows / baseline.copySeconds),
      ratioToCopy: Number((big.seconds / baseline.copySeconds).toFixed(2)),
      indexedInsertSeconds: Number(baseline.indexedSeconds.toFixed(2)),
      ratioToCopyPlusIndexedInsert: Number(
        (big.seconds / (baseline.copySeconds + baseline.indexedSeconds)).toFixed(2),
      ),
      peakRssMb: { [small.rows]: small.maxRssMb, [big.rows]: big.maxRssMb },
    };
    console.log(`${engine}: ${JSON.stringify(result)}`);
    return result;
  } finally {
    if (schemas.length) {
      const admin = await connect({ databaseUrl: PG_URL });
      for (const schema of schemas) await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.close();
    }
  }
}

export default async function bench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "revline-import-bench-"));
  chmodSync(dir, 0o755);
  try {
    const files = {
      big: join(dir, "contacts.csv"),
      small: join(dir, "contacts-small.csv"),
      accounts: join(dir, "accounts.csv"),
    };
    await writeLines(
      files.accounts,
      "external_id,name,domain",
      ACCOUNTS,
      (i) => `a${i},Account ${i},account${i}.example`,
    );
    await writeLines(files.big, HEADER, ROWS, contactLine);
    await writeLines(files.small, HEADER, Math.min(SMALL, ROWS), contactLine);
    const results: Record<string, unknown> = {};
    for (const engine of ENGINES) results[engine] = await benchEngine(engine, dir, files);
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
