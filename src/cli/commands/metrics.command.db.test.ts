import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliSandbox, openCliSandbox } from "../../db/testing/cli-sandbox.ts";

let sandbox: CliSandbox;
const revline = (...args: string[]) => sandbox.revline(...args);

beforeAll(async () => {
  sandbox = await openCliSandbox("metrics-cli");
});

afterAll(() => sandbox?.close());

describe("revline metrics", () => {
  it("lists the registry", async () => {
    const { stdout } = await revline("metrics", "--list");
    expect(stdout).toMatch(/^key\s+name\s+unit/);
    expect(stdout).toContain("pipeline_velocity");
  });

  // Five CLI runs, each opening the embedded database: generous on a loaded machine.
  it("prints a KPI as a table, JSON or CSV, and explains bad input", { timeout: 180_000 }, async () => {
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
