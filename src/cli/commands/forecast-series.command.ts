import { SingleBar } from "cli-progress";
import { type Command, InvalidArgumentError, Option } from "commander";
import { forecastFile, SERIES_METHODS, type SeriesMethod } from "../../forecast/series/index.ts";

const positiveInteger = (name: string) => (raw: string) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError(`${name} must be an integer ≥ 1`);
  return value;
};

const percentage = (raw: string) => {
  const value = Number(raw);
  if (!(value > 0 && value < 100)) throw new InvalidArgumentError("level must be between 0 and 100, e.g. 80");
  return value;
};

interface ForecastSeriesFlags {
  horizon: number;
  season: number;
  out: string;
  level?: number;
  method: SeriesMethod;
  json?: boolean;
}

/** `revline forecast-series FILE --horizon H --out FORECASTS.csv`: batch forecasts from a CSV of series. */
export function registerForecastSeries(program: Command): void {
  program
    .command("forecast-series")
    .description(
      "Forecast every series in a CSV (columns series_id, train = space-separated values, oldest first) " +
        "and write series_id,forecast",
    )
    .argument("<file>", "input CSV")
    .requiredOption("--horizon <n>", "periods to forecast", positiveInteger("horizon"))
    .requiredOption("--out <file>", "output CSV")
    .option("--season <n>", "periods per seasonal cycle (1 = none)", positiveInteger("season"), 12)
    .option("--level <percent>", "also write lower,upper prediction bounds at this coverage", percentage)
    .addOption(
      new Option("--method <name>", "forecasting method (auto = the tested combination)")
        .choices(SERIES_METHODS)
        .default("auto"),
    )
    .option("--json", "print a JSON summary as the last line of stdout")
    .action(async (file: string, flags: ForecastSeriesFlags) => {
      const bar = process.stderr.isTTY
        ? new SingleBar({ format: "forecasting {value} series", stream: process.stderr })
        : undefined;
      bar?.start(0, 0);
      try {
        const summary = await forecastFile(file, flags.out, {
          horizon: flags.horizon,
          season: flags.season,
          method: flags.method,
          level: flags.level,
          onProgress: (done) => bar?.update(done),
        });
        bar?.stop();
        const used = Object.entries(summary.methodsUsed)
          .map(([method, count]) => `${method} ${count}`)
          .join(", ");
        console.log(
          `Forecast ${summary.series} series × ${summary.horizon} periods (${used || "none"}) ` +
            `in ${summary.seconds.toFixed(2)} s → ${summary.output}`,
        );
        if (flags.json) console.log(JSON.stringify(summary));
      } finally {
        bar?.stop();
      }
    });
}
