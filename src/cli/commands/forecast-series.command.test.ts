import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registerForecastSeries } from "./forecast-series.command.ts";

const program = () => {
  const root = new Command("revline").exitOverride();
  registerForecastSeries(root);
  return root;
};

describe("revline forecast-series", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("forecasts every series of a CSV end to end and prints a JSON summary last", async () => {
    const dir = await mkdtemp(join(tmpdir(), "revline-forecast-cli-"));
    dirs.push(dir);
    const input = join(dir, "series.csv");
    const output = join(dir, "forecasts.csv");
    const trend = Array.from({ length: 40 }, (_, t) => 100 + 3 * t + (t % 12));
    await writeFile(input, `series_id,train\ns1,"${trend.join(" ")}"\ns2,"0 0 0 0 0"\ns3,"-5 -6 -4"\n`);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});

    await program().parseAsync(["forecast-series", input, "--horizon", "5", "--out", output, "--json"], {
      from: "user",
    });

    const lines = (await readFile(output, "utf8")).trim().split("\n");
    expect(lines[0]).toBe("series_id,forecast");
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(["s1", "s2", "s3"]);
    for (const line of lines.slice(1)) {
      const values = line.split(",")[1].split(" ").map(Number);
      expect(values).toHaveLength(5);
      expect(values.every(Number.isFinite)).toBe(true);
    }
    const summary = JSON.parse(String(log.mock.calls.at(-1)?.[0]));
    expect(summary).toMatchObject({ series: 3, horizon: 5, method: "auto" });
  });

  it("rejects a horizon that is not a positive integer", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    await expect(
      program().parseAsync(["forecast-series", "x.csv", "--horizon", "0", "--out", "y.csv"], {
        from: "user",
      }),
    ).rejects.toThrow(/horizon must be an integer/);
  });
});
