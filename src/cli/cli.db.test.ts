import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../db/connect.ts";
import { TEST_DATABASE_URL, testEngine } from "../db/testing/test-database.ts";

const run = promisify(execFile);
const bin = new URL("../../bin/revline.mjs", import.meta.url).pathname;
let env: NodeJS.ProcessEnv;
let dir: string;
let schema: string | undefined;

async function revline(...args: string[]) {
  return run(process.execPath, [bin, ...args], { env, timeout: 60_000 });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "revline-cli-"));
  env = {
    ...process.env,
    REVLINE_DATA_DIR: join(dir, "data"),
    REVLINE_ADMIN_EMAIL: "owner@example.com",
    REVLINE_ADMIN_PASSWORD: "owner-password-1",
    REVLINE_LOG_LEVEL: "warn",
  };
  delete env.DATABASE_URL;
  if (testEngine() === "postgres") {
    schema = `cli_${randomBytes(5).toString("hex")}`;
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

describe("revline CLI", () => {
  it("shows help for every command", async () => {
    const { stdout } = await revline("--help");
    for (const command of ["start", "migrate", "demo", "user", "apikey"]) expect(stdout).toContain(command);
    expect((await revline("apikey", "create", "--help")).stdout).toContain("--role");
  });

  it("migrates, then says the database is up to date", async () => {
    const first = await revline("migrate");
    expect(first.stdout).toContain("Applied: 0001_platform");
    const second = await revline("migrate");
    expect(second.stdout).toContain("up to date");
  });

  it("creates users and API keys; the key is alone on the last line", async () => {
    const user = await revline(
      "user",
      "create",
      "--email",
      "rep@example.com",
      "--password",
      "rep-password-1",
      "--role",
      "sales_rep",
    );
    expect(user.stdout).toContain("Created user rep@example.com (sales_rep)");
    const { stdout } = await revline("apikey", "create", "--role", "viewer", "--name", "reporting");
    expect(stdout.trim().split("\n").at(-1)).toMatch(/^rvl_[\w-]+_[\w-]+$/);
  });

  it("explains bad input clearly", async () => {
    await expect(revline("apikey", "create", "--role", "emperor", "--name", "x")).rejects.toMatchObject({
      stderr: expect.stringContaining("role: must be one of admin"),
    });
    await expect(
      revline("user", "create", "--email", "x@example.com", "--password", "short"),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining("password: must be at least 10 characters"),
    });
  });

  it("goes through the running server when it holds the embedded database", async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server: ChildProcess = spawn(
      process.execPath,
      [bin, "start", "--no-demo", "--dev", "--port", String(port)],
      { env },
    );
    try {
      let output = "";
      server.stdout?.on("data", (d) => {
        output += d;
      });
      const deadline = Date.now() + 60_000;
      while (!output.includes("Revline is running") && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
      expect(output).toContain(`http://127.0.0.1:${port}`);

      const { stdout, stderr } = await revline(
        "apikey",
        "create",
        "--role",
        "finance",
        "--name",
        "billing sync",
      );
      if (testEngine() === "pglite") expect(stderr).toContain("going through it");
      const key = stdout.trim().split("\n").at(-1)!;
      const res = await fetch(`http://127.0.0.1:${port}/api/me`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect((await res.json()).actor.role).toBe("finance");
      const health = await (await fetch(`http://127.0.0.1:${port}/api/health`)).json();
      expect(health.database).toBe(testEngine());
    } finally {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }
  });
});
