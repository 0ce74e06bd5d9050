import { AppError } from "../errors/app-error.ts";
import type { MetricDef } from "./definition.ts";
import {
  GRAINS,
  type Grain,
  isDate,
  type Period,
  periodOf,
  periodsBetween,
  previousPeriod,
} from "./periods.ts";
import { metricDimensions } from "./registry/index.ts";
import type { MetricWorkspace } from "./settings.ts";
import { DIMENSIONS, type Dimension } from "./sql/dimensions.ts";

/** The query string of GET /api/metrics/:key (and the CLI flags). */
export interface MetricQuery {
  from?: string;
  to?: string;
  grain?: string;
  by?: string;
  /** `dim:value[|value…][,dim:value…]`, e.g. `segment:enterprise|mid_market,region:EMEA`. */
  filter?: string;
}

export interface ParsedQuery {
  grain: Grain;
  periods: Period[];
  by?: Dimension;
  filters: Array<{ dim: Dimension; values: string[] }>;
  /** The KPI forecast metrics score (`filter=metric:KEY`). */
  forecastMetric?: string;
}

const DEFAULT_PERIODS = 12;

export function parseFilter(raw: string | undefined): Array<{ dim: string; values: string[] }> {
  if (!raw?.trim()) return [];
  return raw.split(",").map((part) => {
    const at = part.indexOf(":");
    const dim = part.slice(0, at).trim();
    const values = part
      .slice(at + 1)
      .split("|")
      .map((v) => v.trim())
      .filter(Boolean);
    if (at < 1 || values.length === 0) {
      throw new AppError(
        "bad_request",
        `filter: "${part}" is not dimension:value (e.g. segment:enterprise)`,
        {
          field: "filter",
        },
      );
    }
    return { dim, values };
  });
}

/** Validates the query for every KPI asked; periods are whole periods covering from..to. */
export function parseMetricQuery(
  defs: MetricDef[],
  ws: MetricWorkspace,
  query: MetricQuery,
  today: string,
): ParsedQuery {
  const grain = (query.grain ?? "month") as Grain;
  if (!GRAINS.includes(grain)) {
    throw new AppError("bad_request", `grain: must be one of ${GRAINS.join(", ")}`, { field: "grain" });
  }
  for (const name of ["from", "to"] as const) {
    const value = query[name];
    if (value !== undefined && !isDate(value)) {
      throw new AppError("bad_request", `${name}: must be a date as YYYY-MM-DD`, { field: name });
    }
  }
  const week = ws.settings.week_starts_on;
  const to = query.to ?? today;
  let from = query.from;
  if (!from) {
    let p = periodOf(to, grain, week);
    for (let i = 1; i < DEFAULT_PERIODS; i++) p = previousPeriod(p, grain, week);
    from = p.start;
  }
  const periods = periodsBetween(from, to, grain, week);

  const allowed = (def: MetricDef) => metricDimensions(def, ws.settings);
  const check = (dim: string, param: "by" | "filter"): Dimension => {
    if (!(dim in DIMENSIONS)) {
      throw new AppError(
        "bad_request",
        `${param}: unknown dimension "${dim}"; one of ${Object.keys(DIMENSIONS).join(", ")}`,
        {
          field: param,
        },
      );
    }
    for (const def of defs) {
      if (!allowed(def).includes(dim as Dimension)) {
        const list = allowed(def).join(", ") || "nothing";
        throw new AppError(
          "bad_request",
          `${param}: ${def.key} cannot be sliced by ${dim} (only by ${list})`,
          {
            field: param,
          },
        );
      }
    }
    return dim as Dimension;
  };
  const by = query.by ? check(query.by, "by") : undefined;
  let forecastMetric: string | undefined;
  const filters: ParsedQuery["filters"] = [];
  for (const f of parseFilter(query.filter)) {
    if (f.dim === "metric" && defs.every((d) => d.forecast)) forecastMetric = f.values[0];
    else filters.push({ dim: check(f.dim, "filter"), values: f.values });
  }
  return { grain, periods, by, filters, forecastMetric };
}
