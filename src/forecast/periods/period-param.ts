import { AppError } from "../../errors/app-error.ts";
import { nextPeriod, type Period, periodOf } from "../../metrics/periods.ts";
import { FORECAST_BY, type ForecastBy } from "./period-forecast.ts";

/** A quarter named `2026Q4` or `2026-Q4`; the current quarter (workspace time zone) when absent. */
export function parseQuarter(raw: string | undefined, today: string, field = "period"): Period {
  if (raw === undefined || raw === "") return periodOf(today, "quarter");
  const m = /^(\d{4})-?Q([1-4])$/i.exec(raw.trim());
  if (!m) {
    throw new AppError("validation_failed", `${field}: "${raw}" is not a quarter; write it like 2026Q4`, {
      field,
    });
  }
  return periodOf(`${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, "0")}-01`, "quarter");
}

export function parseBy(raw: string | undefined): ForecastBy {
  if (raw === undefined || raw === "") return "company";
  if (!(FORECAST_BY as readonly string[]).includes(raw)) {
    throw new AppError("validation_failed", `by: must be one of ${FORECAST_BY.join(", ")}, got "${raw}"`, {
      field: "by",
    });
  }
  return raw as ForecastBy;
}

/** This quarter and the `count - 1` after it. */
export function quartersFrom(today: string, count: number): Period[] {
  const out = [periodOf(today, "quarter")];
  while (out.length < count) out.push(nextPeriod(out[out.length - 1], "quarter"));
  return out;
}
