import { type ChildProcess, execFile, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { REVLINE_BIN as bin, type CliSandbox, openCliSandbox } from "../db/testing/cli-sandbox.ts";

const run = promisify(execFile);
const ROWS = 30_000;
let sandbox: CliSandbox;
let env: NodeJS.ProcessEnv;
let file: string;

beforeAll(async () => {
  sandbox = await openCliSandbox("resume");
  env = sandbox.env;
  const lines = ["external_id,first_name,last_name,email,lifecycle_stage"];
  for (let i = 1; i <= ROWS; i++)
    lines.push(
      `r${String(i).padStart(6, "0")},First${i},"Last, ${i}",person${i}@example.com,${i % 2 ? "lead" : "mql"}`,
    );
  file = join(sandbox.dir, "contacts.csv");
  writeFileSync(file, `${lines.join("\n")}\n`);
});

afterAll(() => sandbox?.close());

const open = () => sandbox.open();

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
