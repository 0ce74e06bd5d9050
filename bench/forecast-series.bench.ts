// Time-series engine on the M3 monthly sample: accuracy of `auto` next to the reference
// baselines computed in the same run, interval coverage, the @bsull/augurs library measured on
// the same data (why the engine does not use it), and wall times through the CLI.
// FORECAST_BENCH_SERIES shrinks the synthetic run (default 100,000 series).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AutoETS, initSync as initEts } from "@bsull/augurs/ets";
import { initSync as initMstl, MSTL } from "@bsull/augurs/mstl";
import { parse } from "csv-parse/sync";
import {
  adjustForSeasonality,
  forecastSeries,
  mase,
  type SeriesMethod,
  smape,
} from "../src/forecast/series/index.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const M3 = "/work/shared/data/forecast/m3_monthly.csv";
const HORIZON = 18;
const SEASON = 12;
const PUBLISHED = "M3 monthly, all 1,428 series (Makridakis & Hibon 2000): Theta 13.85, ForecastPro 13.86";

interface Series {
  id: string;
  train: number[];
  test: number[];
}
type Forecaster = (train: number[]) => number[];

const numbers = (cell: string) => cell.trim().split(/\s+/).map(Number);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const seconds = (started: number) => (performance.now() - started) / 1000;

function score(series: Series[], forecaster: Forecaster) {
  const started = performance.now();
  const forecasts = series.map((s) => forecaster(s.train));
  const time = seconds(started);
  return {
    smape: mean(series.map((s, i) => smape(s.test, forecasts[i]))),
    mase: mean(series.map((s, i) => mase(s.test, forecasts[i], s.train, SEASON))),
    seconds: time,
  };
}

function coverage(series: Series[], method: SeriesMethod, level: number): number {
  let inside = 0;
  for (const s of series) {
    const { lower, upper } = forecastSeries(s.train, { horizon: HORIZON, method, level });
    s.test.forEach((y, h) => {
      if (y >= lower[h] && y <= upper[h]) inside++;
    });
  }
  return inside / (series.length * HORIZON);
}

/** augurs needs its WebAssembly loaded by hand on Node (its default loader fetches a URL). */
function augursForecasters(): Record<string, Forecaster> {
  const wasm = (name: string) => readFileSync(join(root, "node_modules/@bsull/augurs", `${name}_bg.wasm`));
  initEts({ module: wasm("ets") });
  initMstl({ module: wasm("mstl") });
  const autoEts: Forecaster = (train) => {
    const adjustment = adjustForSeasonality(train, SEASON, HORIZON);
    const model = new AutoETS(1, "ZZN");
    model.fit(adjustment.adjusted);
    const { point } = model.predict(HORIZON);
    model.free();
    return point.map((v, h) => v * adjustment.futureIndices[h]);
  };
  const mstl: Forecaster = (train) => {
    const model = MSTL.ets([SEASON]);
    model.fit(train);
    const { point } = model.predict(HORIZON);
    model.free();
    return point;
  };
  const theta: Forecaster = (train) => forecastSeries(train, { horizon: HORIZON, method: "theta" }).forecast;
  return {
    "augurs AutoETS (deseasonalised)": autoEts,
    "augurs MSTL + AutoETS": mstl,
    "augurs AutoETS + Theta (mean)": (train) => {
      const a = autoEts(train);
      return theta(train).map((v, h) => (v + a[h]) / 2);
    },
  };
}

function runCli(input: string, output: string, horizon: number) {
  const started = performance.now();
  const cli = spawnSync(
    process.execPath,
    [
      join(root, "bin/revline.mjs"),
      "forecast-series",
      input,
      "--horizon",
      String(horizon),
      "--out",
      output,
      "--json",
    ],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  if (cli.status !== 0) throw new Error(`forecast-series failed: ${cli.stderr}`);
  const summary = JSON.parse(cli.stdout.trim().split("\n").at(-1) ?? "{}");
  return { wall: seconds(started), engine: summary.seconds as number };
}

/** Deterministic monthly series: level × growth × seasonality × noise, all positive. */
function syntheticCsv(count: number, length: number): string {
  let state = 20_240_601;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const lines = ["series_id,train"];
  for (let i = 0; i < count; i++) {
    const level = 10 + random() * 10_000;
    const growth = (random() - 0.4) * 0.03;
    const amplitude = random() * 0.4;
    const phase = random() * SEASON;
    const noise = 0.02 + random() * 0.15;
    const values = Array.from({ length }, (_, t) => {
      const seasonal = 1 + amplitude * Math.sin((2 * Math.PI * (t + phase)) / SEASON);
      return (level * (1 + growth) ** t * seasonal * (1 + noise * (random() - 0.5) * 2)).toFixed(2);
    });
    lines.push(`S${i},${values.join(" ")}`);
  }
  return `${lines.join("\n")}\n`;
}

export default async function forecastSeriesBench(): Promise<Record<string, unknown>> {
  const rows = parse(readFileSync(M3), { columns: true }) as Record<string, string>[];
  const series: Series[] = rows.map((r) => ({
    id: r.series_id,
    train: numbers(r.train),
    test: numbers(r.test),
  }));
  console.log(`M3 monthly sample: ${series.length} series, horizon ${HORIZON}, scored against test`);

  const methods: Array<[string, SeriesMethod]> = [
    ["Seasonal naive", "snaive"],
    ["Naive2", "naive2"],
    ["SES", "ses"],
    ["Theta", "theta"],
    ["DOTM", "dotm"],
    ["ETS(A,Ad,N) damped", "ets"],
    ["auto (Revline)", "auto"],
  ];
  const results: Record<string, { smape: number; mase: number; seconds: number }> = {};
  for (const [label, method] of methods) {
    results[label] = score(series, (train) => forecastSeries(train, { horizon: HORIZON, method }).forecast);
  }
  for (const [label, forecaster] of Object.entries(augursForecasters()))
    results[label] = score(series, forecaster);

  const theta = results.Theta;
  console.log(
    `\n${"method".padEnd(34)} ${"sMAPE".padStart(7)} ${"MASE".padStart(7)} ${"vs Theta".padStart(9)} ${"time".padStart(8)}`,
  );
  for (const [label, r] of Object.entries(results)) {
    const ratio = `${(((r.smape - theta.smape) / theta.smape) * 100).toFixed(1)}%`;
    console.log(
      `${label.padEnd(34)} ${r.smape.toFixed(2).padStart(7)} ${r.mase.toFixed(3).padStart(7)} ${ratio.padStart(9)} ${`${r.seconds.toFixed(2)} s`.padStart(8)}`,
    );
  }
  console.log(`published reference — ${PUBLISHED}`);

  const intervals = {
    auto80: coverage(series, "auto", 80),
    auto95: coverage(series, "auto", 95),
    theta80: coverage(series, "theta", 80),
    theta95: coverage(series, "theta", 95),
  };
  console.log(
    `\ninterval coverage on test (nominal 80% / 95%): auto ${(intervals.auto80 * 100).toFixed(1)}% / ${(intervals.auto95 * 100).toFixed(1)}%, ` +
      `Theta ${(intervals.theta80 * 100).toFixed(1)}% / ${(intervals.theta95 * 100).toFixed(1)}%`,
  );

  const dir = mkdtempSync(join(tmpdir(), "revline-forecast-bench-"));
  try {
    const m3Out = join(dir, "m3-forecasts.csv");
    const m3Cli = runCli(M3, m3Out, HORIZON);
    const written = parse(readFileSync(m3Out), { columns: true }) as Record<string, string>[];
    const cliSmape = mean(written.map((w, i) => smape(series[i].test, numbers(w.forecast))));
    console.log(
      `\nCLI on the M3 file: ${m3Cli.wall.toFixed(2)} s wall (engine ${m3Cli.engine.toFixed(2)} s), ` +
        `sMAPE of the written file ${cliSmape.toFixed(2)}`,
    );

    const count = Number(process.env.FORECAST_BENCH_SERIES ?? 100_000);
    const synthetic = join(dir, "synthetic.csv");
    writeFileSync(synthetic, syntheticCsv(count, 36));
    const syntheticCli = runCli(synthetic, join(dir, "synthetic-forecasts.csv"), 12);
    const perSeries = (syntheticCli.engine / count) * 1e6;
    console.log(
      `CLI on ${count.toLocaleString("en")} synthetic series (length 36, horizon 12): ${syntheticCli.wall.toFixed(1)} s wall ` +
        `(engine ${syntheticCli.engine.toFixed(1)} s, ${perSeries.toFixed(0)} µs per series, one core)`,
    );

    return {
      series: series.length,
      smape: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, Number(r.smape.toFixed(2))])),
      mase: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, Number(r.mase.toFixed(3))])),
      autoVsThetaSmape: Number((results["auto (Revline)"].smape / theta.smape).toFixed(3)),
      coverage: Object.fromEntries(Object.entries(intervals).map(([k, v]) => [k, Number(v.toFixed(3))])),
      m3CliWallSeconds: Number(m3Cli.wall.toFixed(2)),
      syntheticSeries: count,
      syntheticCliWallSeconds: Number(syntheticCli.wall.toFixed(1)),
      published: PUBLISHED,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
