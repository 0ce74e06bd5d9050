import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliSandbox, openCliSandbox } from "../../db/testing/cli-sandbox.ts";

let sandbox: CliSandbox;
const revline = (...args: string[]) => sandbox.revline(...args);

beforeAll(async () => {
  sandbox = await openCliSandbox("forecast-cli");
});

afterAll(() => sandbox?.close());

describe("revline forecast", () => {
  // Three CLI runs, each opening the database: generous on a loaded machine.
  it("prints the quarter as a table or JSON and explains bad input", { timeout: 180_000 }, async () => {
    const table = await revline("forecast", "--period", "2026Q4");
    expect(table.stdout).toContain("Bookings forecast 2026-Q4 (2026-10-01 – 2026-12-31)");
    expect(table.stdout).toContain(
      "stage probabilities (fallback: 0 closed deals; the model needs at least 200)",
    );
    expect(table.stdout).toMatch(/Company\s+0\s+0\s+0\s+0/);

    const json = await revline("forecast", "--period", "2026-Q4", "--by", "owner", "--json");
    const lines = json.stdout.trim().split("\n");
    const result = JSON.parse(lines[lines.length - 1]);
    expect(result).toMatchObject({
      period: "2026-Q4",
      by: "owner",
      groups: [],
      model: { method: "stage_fallback" },
    });

    await expect(revline("forecast", "--by", "region")).rejects.toThrow(
      /by: must be one of company, team, owner/,
    );
  });
});
