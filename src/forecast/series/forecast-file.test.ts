import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forecastFile } from "./forecast-file.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "revline-forecast-file-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const monthly = Array.from({ length: 48 }, (_, t) =>
  Math.round(500 + 5 * t + 80 * Math.sin((t * Math.PI) / 6)),
);
const csv = [
  "series_id,category,train,test",
  `A,MICRO,"${monthly.join(" ")}","1 2"`,
  `B,OTHER,"3 -1 0 2",""`,
  `"C, quoted",OTHER,"7",""`,
].join("\n");

describe("forecastFile", () => {
  it("writes series_id,forecast with H values per row, ignoring other columns", async () => {
    const input = join(dir, "in.csv");
    const output = join(dir, "out.csv");
    await writeFile(input, csv);
    const summary = await forecastFile(input, output, { horizon: 4 });
    const lines = (await readFile(output, "utf8")).trim().split("\n");
    expect(lines[0]).toBe("series_id,forecast");
    expect(lines).toHaveLength(4);
    expect(lines[3].startsWith('"C, quoted",')).toBe(true);
    for (const line of lines.slice(1)) {
      const values = line
        .slice(line.lastIndexOf(",") + 1)
        .split(" ")
        .map(Number);
      expect(values).toHaveLength(4);
      expect(values.every(Number.isFinite)).toBe(true);
    }
    expect(summary).toMatchObject({ series: 3, horizon: 4, methodsUsed: { auto: 2, naive: 1 } });
  });

  it("adds lower and upper columns only when a level is asked for", async () => {
    const input = join(dir, "in-level.csv");
    const output = join(dir, "out-level.csv");
    await writeFile(input, csv);
    await forecastFile(input, output, { horizon: 2, level: 90, method: "theta" });
    const [header, first] = (await readFile(output, "utf8")).split("\n");
    expect(header).toBe("series_id,forecast,lower,upper");
    const [, forecast, lower, upper] = first.split(",").map((cell) => cell.split(" ").map(Number));
    expect(lower[0]).toBeLessThan(forecast[0]);
    expect(upper[0]).toBeGreaterThan(forecast[0]);
  });

  it("names the row and series of a bad value and leaves no output behind", async () => {
    const input = join(dir, "bad.csv");
    const output = join(dir, "bad-out.csv");
    await writeFile(input, 'series_id,train\nok,"1 2 3"\nbroken,"1 x 3"\n');
    await expect(forecastFile(input, output, { horizon: 2 })).rejects.toThrow(
      /row 3 \(series broken\): train value 2 "x" is not a number/,
    );
    expect(existsSync(output)).toBe(false);
  });

  it("says which required column is missing", async () => {
    const input = join(dir, "no-train.csv");
    await writeFile(input, "series_id,values\na,1 2 3\n");
    await expect(forecastFile(input, join(dir, "x.csv"), { horizon: 2 })).rejects.toThrow(
      /missing column\(s\) train/,
    );
  });
});
