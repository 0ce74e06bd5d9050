import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../db/connect.ts";
import { TEST_DATABASE_URL, testEngine } from "../../db/testing/test-database.ts";

const run = promisify(execFile);
const bin = new URL("../../../bin/revline.mjs", import.meta.url).pathname;
let env: NodeJS.ProcessEnv;
let dir: string;
let schema: string | undefined;

const revline = (...args: string[]) => run(process.execPath, [bin, ...args], { env, timeout: 60_000 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "revline-metrics-cli-"));
  env = { ...process.env, REVLINE_DATA_DIR: join(dir, "data"), REVLINE_LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  if (testEngine() === "postgres") {
    schema = `mcli_${randomBytes(5).toString("hex")}`;
    const admin = await connect({ databaseUrl: TEST_DATABASE_URL });
    await admin.db.schema.createSchema(schema).execute();
    await admin.close();
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
  }
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (schema) {
    const admin = await connect({ databaseUrl: TEST_DATABASE_URL });
    await admin.db.schema.dropSchema(schema).cascade().execute();
    await admin.close();
  }
});

describe("revline metrics", () => {
  it("lists the registry", async () => {
    const { stdout } = await revline("metrics", "--list");
    expect(stdout).toMatch(/^key\s+name\s+unit/);
    expect(stdout).toContain("pipeline_velocity");
  });

  it("prints a KPI as a table, JSON or CSV, and explains bad input", async () => {
    const table = await revline(
      "metrics",
      "mrr",
      "--from",
      "2026-01-01",
      "--to",
      "2026-03-31",
      "--by",
      "segment",
    );
    expect(table.stdout).toContain("MRR (mrr) · month · 2026-01-01 – 2026-03-31 · USD");
    const json = JSON.parse(
      (
        await revline(
          "metrics",
          "win_rate",
          "--grain",
          "quarter",
          "--from",
          "2026-01-01",
          "--to",
          "2026-06-30",
          "--json",
        )
      ).stdout,
    );
    expect(json.series.map((p: { period: string }) => p.period)).toEqual(["2026-Q1", "2026-Q2"]);
    const csv = await revline("metrics", "bookings", "--from", "2026-01-01", "--to", "2026-01-31", "--csv");
    expect(csv.stdout.split("\n")[0]).toBe(
      "metric,period,start,end,group,label,value,previous,target,attainment",
    );
    await expect(revline("metrics", "mrr", "--by", "priority")).rejects.toMatchObject({
      stderr: expect.stringContaining("by: mrr cannot be sliced by priority"),
    });
  });
});
