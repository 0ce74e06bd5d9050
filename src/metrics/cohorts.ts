import { sql } from "kysely";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { fromMinor } from "../model/money.ts";
import { loadFxTable } from "./fx.ts";
import { addDays, earlierDate, isDate, periodOf, periodsBetween, todayIn } from "./periods.ts";
import { loadMetricWorkspace } from "./settings.ts";
import { segmentsSource } from "./sql/mrr-segments.sql.ts";
import { runAnalytic } from "./sql/run.ts";
import { jsonParam, type Scope } from "./sql/scope.ts";

export interface CohortQuery {
  /** First and last signup month, as YYYY-MM or any date in it; default the last 12 months. */
  from?: string;
  to?: string;
}

const monthOf = (raw: string, field: string): string => {
  const date = /^\d{4}-\d{2}$/.test(raw) ? `${raw}-01` : raw;
  if (!isDate(date)) throw new AppError("bad_request", `${field}: must be a month as YYYY-MM`, { field });
  return date;
};

/**
 * Logo and revenue retention by signup month. An account's cohort is the month (workspace time
 * zone) it first became a customer; each later month end says how many of the cohort are still
 * customers and what MRR they pay, all converted at one rate (the last month's) so currency
 * moves do not look like expansion. Logo retention is over the cohort's size, revenue retention
 * over its MRR at the end of the signup month.
 */
export async function cohorts(db: Db, workspaceId: string, query: CohortQuery = {}, now = new Date()) {
  const ws = await loadMetricWorkspace(db, workspaceId);
  const today = todayIn(ws.timezone, now);
  const last = periodOf(monthOf(query.to ?? today, "to"), "month");
  const first = query.from
    ? periodOf(monthOf(query.from, "from"), "month")
    : periodOf(addDays(last.start, -334), "month");
  const months = periodsBetween(first.start, last.end, "month");
  if (months.length > 120) throw new AppError("bad_request", "from: at most 120 months", { field: "from" });
  const fx = await loadFxTable(db, ws.id, ws.currency, ws.settings.fx_pivot_currency);
  const rateDay = earlierDate(last.end, today);
  const scope: Scope = { ws, grain: "month", periods: months, filters: [], fx, now, today };
  const instants = months.map((m, i) => ({ i, key: m.key, d: addDays(m.end, 1) }));
  const factors = fx.daily(rateDay, rateDay);
  const rows = await runAnalytic(
    db,
    sql<{ cohort: string; month: string; customers: number; mrr: number | null; fx_missing: boolean }>`
  with ${segmentsSource(scope)},
  fx as (select * from jsonb_to_recordset(${jsonParam(factors)}) as f(currency text, day date, factor numeric)),
  instants as (
    select x.i, x.key, least(x.d::timestamp at time zone ${ws.timezone}, ${now}::timestamptz) as at
    from jsonb_to_recordset(${jsonParam(instants)}) as x(i int, key text, d date)),
  firsts as (
    select account_id, min(valid_from) as first_at from segs
    where counts_until is not null and least(coalesce(valid_to, 'infinity'), counts_until) > valid_from
    group by account_id),
  cohort as (
    select account_id, to_char(first_at at time zone ${ws.timezone}, 'YYYY-MM') as cohort from firsts
    where first_at >= (${first.start}::date::timestamp at time zone ${ws.timezone})
      and first_at < ((${last.end}::date + 1)::timestamp at time zone ${ws.timezone})),
  snap as (
    select i.key as month, c.cohort, s.account_id, s.currency, sum(s.mrr_minor) as mrr
    from cohort c
    join segs s on s.account_id = c.account_id
    join instants i on i.key >= c.cohort and s.valid_from < i.at and (s.valid_to is null or s.valid_to >= i.at)
      and s.counts_until >= i.at
    group by i.key, c.cohort, s.account_id, s.currency)
  select sn.cohort, sn.month, count(distinct sn.account_id)::int as customers, sum(sn.mrr * f.factor) as mrr,
    bool_or(f.factor is null) as fx_missing
  from snap sn left join fx f on f.currency = sn.currency
  group by sn.cohort, sn.month
  union all
  select cohort, null, count(*)::int, null, false from cohort group by cohort
  order by 1, 2 nulls first`,
  );
  if (rows.some((r) => r.fx_missing)) {
    throw new AppError(
      "validation_failed",
      `fx_rates: a subscription currency has no rate to ${ws.currency}`,
      {
        field: "fx_rates",
      },
    );
  }
  const money = (minor: number | null) => (minor === null ? 0 : fromMinor(Math.round(minor), ws.currency));
  const byCohort = new Map<
    string,
    { size: number; cells: Map<string, { customers: number; mrr: number }> }
  >();
  for (const r of rows) {
    const entry = byCohort.get(r.cohort) ?? { size: 0, cells: new Map() };
    if (r.month === null) entry.size = r.customers;
    else entry.cells.set(r.month, { customers: r.customers, mrr: r.mrr ?? 0 });
    byCohort.set(r.cohort, entry);
  }
  const keys = months.map((m) => m.key);
  return {
    from: first.key,
    to: last.key,
    currency: ws.currency,
    rate_date: rateDay,
    cohorts: [...byCohort].map(([cohort, { size, cells }]) => {
      const base = cells.get(cohort)?.mrr ?? 0;
      const later = keys.slice(keys.indexOf(cohort));
      return {
        cohort,
        customers: size,
        mrr: money(base),
        months: later.map((month, offset) => {
          const cell = cells.get(month) ?? { customers: 0, mrr: 0 };
          return {
            offset,
            month,
            customers: cell.customers,
            mrr: money(cell.mrr),
            logo_retention: size === 0 ? null : cell.customers / size,
            revenue_retention: base === 0 ? null : cell.mrr / base,
          };
        }),
      };
    }),
  };
}
