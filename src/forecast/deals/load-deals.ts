import type { Db } from "../../db/types.ts";
import { buildFxTable, type FxRate, loadFxRates, missingRateError } from "../../metrics/fx.ts";
import { loadMetricWorkspace, type MetricWorkspace } from "../../metrics/settings.ts";
import { startOfDay } from "../../model/time-zone.ts";
import type { DealChange, DealHistory } from "./deal-history.ts";

const ms = (v: Date | string | null): number | null => (v === null ? null : new Date(v).getTime());

/** Every opportunity of the workspace with its stage history and activity instants, for the model. */
export async function loadDeals(db: Db, workspaceId: string): Promise<DealHistory[]> {
  const opportunities = await db
    .selectFrom("opportunities as o")
    .leftJoin("users as u", (j) =>
      j.onRef("u.workspace_id", "=", "o.workspace_id").onRef("u.id", "=", "o.owner_id"),
    )
    .leftJoin("contacts as c", (j) =>
      j.onRef("c.workspace_id", "=", "o.workspace_id").onRef("c.id", "=", "o.primary_contact_id"),
    )
    .leftJoin("campaigns as k", (j) =>
      j.onRef("k.workspace_id", "=", "o.workspace_id").onRef("k.id", "=", "o.source_campaign_id"),
    )
    .select([
      "o.id",
      "o.name",
      "o.type",
      "o.owner_id",
      "u.team_id",
      "o.currency",
      "o.opened_at",
      "o.closed_at",
      "o.status",
      "o.stage",
      "o.amount_minor",
      "o.close_date",
      "o.forecast_category",
      "o.probability",
      "c.lead_source",
      "k.channel",
    ])
    .where("o.workspace_id", "=", workspaceId)
    .orderBy("o.id")
    .execute();
  const history = await db
    .selectFrom("opportunity_stage_history")
    .select([
      "opportunity_id",
      "changed_at",
      "to_stage",
      "amount_minor",
      "currency",
      "close_date",
      "forecast_category",
    ])
    .where("workspace_id", "=", workspaceId)
    .orderBy("opportunity_id")
    .orderBy("changed_at")
    .orderBy("id")
    .execute();
  const activities = await db
    .selectFrom("activities")
    .select(["opportunity_id", "occurred_at"])
    .where("workspace_id", "=", workspaceId)
    .where("opportunity_id", "is not", null)
    .orderBy("opportunity_id")
    .orderBy("occurred_at")
    .execute();
  const changes = new Map<string, DealChange[]>();
  for (const h of history) {
    if (!changes.has(h.opportunity_id)) changes.set(h.opportunity_id, []);
    changes.get(h.opportunity_id)!.push({
      at: ms(h.changed_at as Date)!,
      stage: h.to_stage,
      amount: h.amount_minor === null ? null : Number(h.amount_minor),
      currency: h.currency,
      closeDate: h.close_date as string | null,
      forecastCategory: h.forecast_category,
    });
  }
  const acts = new Map<string, number[]>();
  for (const a of activities) {
    const id = a.opportunity_id as string;
    if (!acts.has(id)) acts.set(id, []);
    acts.get(id)!.push(ms(a.occurred_at as Date)!);
  }
  return opportunities.map((o) => ({
    id: o.id,
    name: o.name,
    type: o.type,
    leadSource: o.lead_source ?? o.channel ?? "none",
    ownerId: o.owner_id,
    teamId: o.team_id ?? null,
    currency: o.currency,
    openedAt: ms(o.opened_at as Date)!,
    closedAt: o.status === "open" ? null : ms(o.closed_at as Date | null),
    outcome: o.status === "won" ? "won" : o.status === "lost" ? "lost" : null,
    stage: o.stage,
    amount: Number(o.amount_minor),
    closeDate: o.close_date as string | null,
    forecastCategory: o.forecast_category,
    probability: o.probability,
    changes: changes.get(o.id) ?? [],
    activities: acts.get(o.id) ?? [],
  }));
}

/** Local calendar day of an instant in a time zone, with one cached formatter. */
export function dayFormatter(timeZone: string): (t: number) => string {
  const f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return (t) => f.format(t);
}

export { startOfDay };

/** What the model and forecasts need of a workspace: its settings, day and currency conversion. */
export interface ForecastWorkspace {
  ws: MetricWorkspace;
  dayOf(t: number): string;
  /** Minor units of `currency` in reporting minor units on `day`; a missing rate is an error naming fx_rates. */
  convert(amount: number, currency: string, day: string): number;
  stageOrder: string[];
  /**
   * The fx_rates rows `convert` reads, so a backtest can rebuild it from those dated on or
   * before its cut-off day (withFxRates). Absent on plain test workspaces, whose convert is fixed.
   */
  fxRates?: readonly FxRate[];
}

export async function loadForecastWorkspace(db: Db, workspaceId: string): Promise<ForecastWorkspace> {
  const ws = await loadMetricWorkspace(db, workspaceId);
  const rates = await loadFxRates(db, ws.id);
  return withFxRates(
    { ws, dayOf: dayFormatter(ws.timezone), stageOrder: ws.settings.opportunity_stages },
    rates,
  );
}

/** The workspace converting with exactly `rates` (the metrics engine's dated rule, buildFxTable). */
export function withFxRates(
  base: Pick<ForecastWorkspace, "ws" | "dayOf" | "stageOrder">,
  rates: readonly FxRate[],
): ForecastWorkspace {
  const { ws } = base;
  const fx = buildFxTable([...rates], ws.currency, ws.settings.fx_pivot_currency);
  const factors = new Map<string, number>();
  return {
    ...base,
    fxRates: rates,
    convert(amount, currency, day) {
      if (currency === ws.currency || amount === 0) return amount;
      const key = `${currency}|${day}`;
      let factor = factors.get(key);
      if (factor === undefined) {
        factor = fx.factor(currency, day);
        if (factor === undefined) throw missingRateError([currency], ws.currency);
        factors.set(key, factor);
      }
      return amount * factor;
    },
  };
}
