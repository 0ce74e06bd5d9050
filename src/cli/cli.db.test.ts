import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliSandbox, openCliSandbox, REVLINE_BIN } from "../db/testing/cli-sandbox.ts";
import { testEngine } from "../db/testing/test-database.ts";

let sandbox: CliSandbox;
const revline = (...args: string[]) => sandbox.revline(...args);

beforeAll(async () => {
  sandbox = await openCliSandbox("cli", {
    REVLINE_ADMIN_EMAIL: "owner@example.com",
    REVLINE_ADMIN_PASSWORD: "owner-password-1",
  });
});

afterAll(() => sandbox?.close());

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
      [REVLINE_BIN, "start", "--no-demo", "--dev", "--port", String(port)],
      { env: sandbox.env },
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
