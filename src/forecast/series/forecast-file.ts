import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify";
import { AppError } from "../../errors/app-error.ts";
import { forecastSeries } from "./forecast-series.ts";
import type { SeriesMethod } from "./series.types.ts";

export interface ForecastFileOptions {
  horizon: number;
  season?: number;
  method?: SeriesMethod;
  /** When set, the output gains `lower` and `upper` columns at this coverage (percent). */
  level?: number;
  /** Called every `progressEvery` series (default 1,000) and at the end with the count so far. */
  onProgress?: (done: number) => void;
  progressEvery?: number;
}

export interface ForecastFileSummary {
  input: string;
  output: string;
  series: number;
  horizon: number;
  method: SeriesMethod;
  /** How many series each method actually produced (short series fall back to `naive`). */
  methodsUsed: Record<string, number>;
  seconds: number;
}

const REQUIRED_COLUMNS = ["series_id", "train"];

const formatValues = (values: readonly number[]) =>
  values.map((v) => String(Number(v.toPrecision(10)))).join(" ");

const rowError = (row: number, seriesId: string, field: string, message: string, cause?: unknown) =>
  new AppError("validation_failed", `row ${row} (series ${seriesId}): ${message}`, {
    field,
    details: [{ row, field, message }],
    cause,
  });

/** Parses a space-separated `train` cell, naming the row and series in any error. */
function parseTrain(cell: string, row: number, seriesId: string): number[] {
  const tokens = cell
    .trim()
    .split(/\s+/)
    .filter((token) => token.length > 0);
  if (tokens.length === 0) throw rowError(row, seriesId, "train", "train is empty");
  return tokens.map((token, position) => {
    const value = Number(token);
    if (!Number.isFinite(value)) {
      throw rowError(row, seriesId, "train", `train value ${position + 1} "${token}" is not a number`);
    }
    return value;
  });
}

/**
 * Forecasts every series of a CSV with columns `series_id` and `train` (space-separated values,
 * oldest first; other columns are ignored) and writes `series_id,forecast` — plus `lower,upper`
 * when a level is asked for. Streams both files, so memory stays flat for large inputs. The
 * output appears only when every row succeeded: a bad row stops the run with an error that
 * names the row, and no partial file is left behind.
 */
export async function forecastFile(
  input: string,
  output: string,
  options: ForecastFileOptions,
): Promise<ForecastFileSummary> {
  const { horizon, season = 12, method = "auto", level, onProgress, progressEvery = 1000 } = options;
  const started = performance.now();
  const methodsUsed: Record<string, number> = {};
  let count = 0;
  const columns =
    level === undefined ? ["series_id", "forecast"] : ["series_id", "forecast", "lower", "upper"];
  const temporary = `${output}.partial-${process.pid}`;

  async function* forecastRows(records: AsyncIterable<Record<string, string>>) {
    for await (const record of records) {
      const row = count + 2;
      const seriesId = record.series_id ?? "";
      const values = parseTrain(record.train ?? "", row, seriesId);
      let result: ReturnType<typeof forecastSeries>;
      try {
        result = forecastSeries(values, { horizon, season, method, level: level ?? 80 });
      } catch (error) {
        throw rowError(row, seriesId, (error as AppError).field ?? "train", (error as Error).message, error);
      }
      methodsUsed[result.method] = (methodsUsed[result.method] ?? 0) + 1;
      count++;
      if (onProgress && count % progressEvery === 0) onProgress(count);
      const line = [seriesId, formatValues(result.forecast)];
      if (level !== undefined) line.push(formatValues(result.lower), formatValues(result.upper));
      yield line;
    }
  }

  try {
    await pipeline(
      createReadStream(input),
      parse({
        bom: true,
        skip_empty_lines: true,
        columns: (header: string[]) => {
          const names = header.map((name) => name.trim());
          const missing = REQUIRED_COLUMNS.filter((name) => !names.includes(name));
          if (missing.length > 0) {
            throw new AppError(
              "validation_failed",
              `${input}: missing column(s) ${missing.join(", ")} (found: ${names.join(", ")})`,
              { field: missing[0] },
            );
          }
          return names;
        },
      }),
      forecastRows,
      stringify({ header: true, columns }),
      createWriteStream(temporary),
    );
    await rename(temporary, output);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  onProgress?.(count);
  return {
    input,
    output,
    series: count,
    horizon,
    method,
    methodsUsed,
    seconds: (performance.now() - started) / 1000,
  };
}
