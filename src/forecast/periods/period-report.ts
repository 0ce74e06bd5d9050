import type { Db } from "../../db/types.ts";
import type { Period } from "../../metrics/periods.ts";
import { fromMinor } from "../../model/money.ts";
import { type DealForecast, forecastDeals } from "../deals/forecast-deals.ts";
import { loadCalls } from "./calls.ts";
import { type ForecastBy, forecastPeriod, PERIOD_METHODS } from "./period-forecast.ts";
import { parseBy, parseQuarter } from "./period-param.ts";

export interface PeriodQuery {
  period?: string;
  by?: string;
}

async function labelsOf(db: Db, workspaceId: string, by: ForecastBy, ids: string[]) {
  if (by === "company" || ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom(by === "team" ? "teams" : "users")
    .select(["id", "name"])
    .where("workspace_id", "=", workspaceId)
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id as string, r.name as string]));
}

/** The period forecast as the API and CLI show it: money in reporting-currency major units. */
export async function periodForecastReport(
  db: Db,
  workspaceId: string,
  query: PeriodQuery,
  options: { now?: Date; forecast?: DealForecast } = {},
) {
  const by = parseBy(query.by);
  const f = options.forecast ?? (await forecastDeals(db, workspaceId, options.now));
  const period: Period = parseQuarter(query.period, f.fw.dayOf(f.now));
  const calls = await loadCalls(db, workspaceId, period);
  const groups = forecastPeriod(f, period, by, calls);
  const currency = f.fw.ws.currency;
  const money = (minor: number) => fromMinor(Math.round(minor), currency);
  const labels = await labelsOf(
    db,
    workspaceId,
    by,
    groups.map((g) => g.group).filter((g): g is string => g !== null),
  );
  const headline = f.model.method === "model" ? "model" : "weighted";
  return {
    period: period.key,
    start: period.start,
    end: period.end,
    by,
    currency,
    today: f.fw.dayOf(f.now),
    headline_method: headline,
    model: { method: f.model.method, reason: f.model.reason },
    methods: [...PERIOD_METHODS],
    groups: groups.map((g) => ({
      group: g.group,
      label: g.group === null ? (by === "company" ? "Company" : "(none)") : (labels.get(g.group) ?? g.group),
      closed: money(g.closed),
      open_deals: g.openDeals,
      forecast: money(g.methods[headline]),
      methods: Object.fromEntries(PERIOD_METHODS.map((m) => [m, money(g.methods[m])])),
      categories: Object.fromEntries(Object.entries(g.categories).map(([k, v]) => [k, money(v)])),
      call: g.call
        ? {
            amount: money(g.call.amount),
            submitted_by: g.call.submittedBy,
            submitted_at: g.call.submittedAt,
            note: g.call.note,
          }
        : null,
    })),
  };
}
