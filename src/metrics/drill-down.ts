import { sql } from "kysely";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { fromMinor } from "../model/money.ts";
import { describeMetric, prepare } from "./compute-metric.ts";
import type { MetricDef } from "./definition.ts";
import { forecastVersusActual } from "./forecast.ts";
import type { MetricQuery } from "./metric-query.ts";
import { GRAINS, type Grain, type Period, parsePeriodKey } from "./periods.ts";
import { metricDef } from "./registry/index.ts";
import { loadMetricWorkspace } from "./settings.ts";
import { drillSql } from "./sql/drill.sql.ts";
import { runAnalytic } from "./sql/run.ts";

export interface DrillQuery extends Omit<MetricQuery, "from" | "to"> {
  /** The period key as the series shows it: 2026-03, 2026-Q1, 2026, 2026-03-30 (week or day). */
  period: string;
  /** With `by`: the group's value as the series shows it; `(none)` for records without one. */
  group?: string;
  limit?: number;
  offset?: number;
}

export const MAX_DRILL = 1000;

/** Turns reporting minor-unit columns (`x_minor_reporting`) into major units (`x`). */
function shape(row: Record<string, unknown>, currency: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === "total" || k === "grp" || k === "period") continue;
    if (k.endsWith("_minor_reporting")) {
      const minor = v === null ? null : Number(v);
      out[k.replace(/_minor_reporting$/, "")] =
        minor === null ? null : fromMinor(Math.sign(minor) * Math.round(Math.abs(minor)), currency);
    } else out[k] = v;
  }
  return out;
}

/**
 * The records behind one value of a KPI: the deals won, the churned accounts and their
 * subscriptions, the costs and new customers of CAC… each with the role it plays in the
 * formula and the amount that counted (in the reporting currency).
 */
export async function drillDown(
  db: Db,
  workspaceId: string,
  key: string,
  query: DrillQuery,
  now = new Date(),
) {
  const def = metricDef(key);
  const limit = query.limit ?? 100;
  const offset = query.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DRILL) {
    throw new AppError("bad_request", `limit: must be a whole number from 1 to ${MAX_DRILL}`, {
      field: "limit",
    });
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new AppError("bad_request", "offset: must be a whole number ≥ 0", { field: "offset" });
  }
  if (!query.period)
    throw new AppError("bad_request", "period: is required (e.g. 2026-03)", { field: "period" });
  if (query.group !== undefined && !query.by) {
    throw new AppError("bad_request", "group: needs by=DIMENSION to say what the group is", {
      field: "group",
    });
  }
  const grain = query.grain ?? "month";
  if (!GRAINS.includes(grain as Grain)) {
    throw new AppError("bad_request", `grain: must be one of ${GRAINS.join(", ")}`, { field: "grain" });
  }
  const filter = [
    query.filter,
    query.by && query.group !== undefined ? `${query.by}:${query.group}` : undefined,
  ]
    .filter(Boolean)
    .join(",");
  const ws = await loadMetricWorkspace(db, workspaceId);
  const period = parsePeriodKey(query.period, grain as Grain, ws.settings.week_starts_on);
  const c = await prepare(
    db,
    workspaceId,
    [def],
    { grain, filter, from: period.start, to: period.end },
    { now },
  );
  const scope = { ...c.scope, periods: [period] };
  const currency = c.ws.currency;
  const head = {
    metric: describeMetric(def, c.ws),
    period: period.key,
    start: period.start,
    end: period.end,
    by: query.by ?? null,
    group: query.group ?? null,
    currency,
  };
  if (def.drill.source === "forecast") return { ...head, ...(await forecastRecords(def, c, period)) };

  const extra: Array<Record<string, unknown>> = [];
  if (def.drill.only?.with_new_customers) {
    // CAC's denominator: the new customers of the period, listed after its costs.
    const rows = await runAnalytic(
      db,
      sql<Record<string, unknown>>`${drillSql(
        { source: "mrr_movements", only: { kind: ["new"] } },
        { ...scope, by: undefined },
      )}`,
    );
    extra.push(...rows.map((r) => ({ ...shape(r, currency), role: "new_customer" })));
  }
  const rows = await runAnalytic(
    db,
    sql<Record<string, unknown>>`select x.*, count(*) over () as total
    from (${drillSql(def.drill, scope)}) x limit ${limit} offset ${offset}`,
  );
  const total = rows.length ? Number(rows[0].total) : offset === 0 ? 0 : await countAll(db, def, scope);
  return {
    ...head,
    records: [...rows.map((r) => shape(r, currency)), ...(offset === 0 ? extra : [])],
    total: total + extra.length,
    limit,
    offset,
  };
}

async function countAll(db: Db, def: MetricDef, scope: Parameters<typeof drillSql>[1]): Promise<number> {
  const rows = await runAnalytic(
    db,
    sql<{ n: number }>`select count(*)::int as n from (${drillSql(def.drill, scope)}) x`,
  );
  return rows[0].n;
}

async function forecastRecords(def: MetricDef, c: Awaited<ReturnType<typeof prepare>>, period: Period) {
  // The periods the value was scored over: this one, and for predictability the ones before it.
  const window = def.forecast === "predictability" ? c.ws.settings.predictability_periods : 1;
  const { metric, scored } = await forecastVersusActual(
    { ...c, scope: { ...c.scope, periods: [period] } },
    window,
  );
  const money = metric.unit === "money" || metric.unit === "money_per_day";
  const show = (v: number | null) =>
    v === null ? null : money ? fromMinor(Math.sign(v) * Math.round(Math.abs(v)), c.ws.currency) : v;
  const records: Array<Record<string, unknown>> = scored.map((s) => ({
    object: "forecast_snapshots",
    id: s.snapshotId,
    name: `${metric.key} ${s.period.key}`,
    role: s.snapshotId ? "scored" : "no_forecast",
    metric: metric.key,
    period: s.period.key,
    forecast: show(s.forecast),
    actual: show(s.actual),
  }));
  return { records, total: records.length, limit: records.length, offset: 0 };
}
