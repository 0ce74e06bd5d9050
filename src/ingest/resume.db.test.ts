import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { connect } from "../db/connect.ts";
import { TEST_DATABASE_URL, testEngine } from "../db/testing/test-database.ts";
import type { Database } from "../db/types.ts";

const run = promisify(execFile);
const bin = new URL("../../bin/revline.mjs", import.meta.url).pathname;
const ROWS = 30_000;
let dir: string;
let env: NodeJS.ProcessEnv;
let schema: string | undefined;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "revline-resume-"));
  env = { ...process.env, REVLINE_DATA_DIR: join(dir, "data"), REVLINE_LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  if (testEngine() === "postgres") {
    schema = `resume_${randomBytes(5).toString("hex")}`;
    const admin = await connect({ databaseUrl: TEST_DATABASE_URL });
    await admin.db.schema.createSchema(schema).execute();
    await admin.close();
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
  }
  const lines = ["external_id,first_name,last_name,email,lifecycle_stage"];
  for (let i = 1; i <= ROWS; i++)
    lines.push(
      `r${String(i).padStart(6, "0")},First${i},"Last, ${i}",person${i}@example.com,${i % 2 ? "lead" : "mql"}`,
    );
  file = join(dir, "contacts.csv");
  writeFileSync(file, `${lines.join("\n")}\n`);
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (schema) {
    const admin = await connect({ databaseUrl: TEST_DATABASE_URL });
    await admin.db.schema.dropSchema(schema).cascade().execute();
    await admin.close();
  }
});

async function open(): Promise<Database> {
  return env.DATABASE_URL
    ? connect({ databaseUrl: env.DATABASE_URL })
    : connect({ dataDir: env.REVLINE_DATA_DIR });
}

/** Starts an import and kills it (SIGKILL) right after its first batch commits. */
async function importAndKill(): Promise<string> {
  const child: ChildProcess = spawn(
    process.execPath,
    [bin, "import", file, "--preset", "generic", "--object", "contacts", "--source", "crm"],
    { env },
  );
  let stderr = "";
  return new Promise((resolve, reject) => {
    child.stderr?.on("data", (d) => {
      stderr += d;
      if (/: \d+ rows committed/.test(stderr)) child.kill("SIGKILL");
    });
    child.once("exit", (_code, signal) => {
      const id = /Import (imp_\w+) started/.exec(stderr)?.[1];
      if (signal !== "SIGKILL" || !id) reject(new Error(`not killed mid-way: ${signal} ${stderr}`));
      else resolve(id);
    });
  });
}

it("an import killed mid-way resumes from its checkpoint: every row exactly once", {
  timeout: 300_000,
}, async () => {
  await run(process.execPath, [bin, "migrate"], { env });
  const id = await importAndKill();

  let database = await open();
  const partial = (
    await sql<{ rows_done: number; created: number; status: string }>`select rows_done, created, status
    from imports where id = ${id}`.execute(database.db)
  ).rows[0];
  const stored = (await sql<{ n: number }>`select count(*)::int as n from contacts`.execute(database.db))
    .rows[0].n;
  await database.close();
  expect(partial.status).toBe("running");
  expect(partial.rows_done).toBeGreaterThan(0);
  expect(partial.rows_done).toBeLessThan(ROWS);
  // The checkpoint and the rows were committed together.
  expect(stored).toBe(Number(partial.created));

  const { stdout } = await run(process.execPath, [bin, "import", "--resume", id, "--json"], {
    env,
    timeout: 240_000,
  });
  const summary = JSON.parse(stdout.trim().split("\n").at(-1)!);
  expect(summary).toMatchObject({
    id,
    status: "completed",
    rows: ROWS,
    created: ROWS,
    updated: 0,
    unchanged: 0,
    rejected: 0,
  });

  database = await open();
  try {
    const check = (
      await sql<
        Record<string, number>
      >`select count(*)::int as contacts, count(distinct external_id)::int as keys,
        count(*) filter (where email = 'person' || substr(external_id, 2)::int || '@example.com'
          and last_name = 'Last, ' || substr(external_id, 2)::int)::int as exact,
        (select count(*)::int from lifecycle_transitions) as transitions
      from contacts where source = 'crm'`.execute(database.db)
    ).rows[0];
    expect(check).toEqual({ contacts: ROWS, keys: ROWS, exact: ROWS, transitions: ROWS });
  } finally {
    await database.close();
  }
});
