import type { Db } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { fromMinor } from "../../model/money.ts";
import type { DealForecast } from "./forecast-deals.ts";

export interface DealListQuery {
  owner?: string;
  limit?: string;
}

/** Open deals with win probability, expected close and top factors, largest expected value first (major units). */
export async function listDealForecasts(db: Db, f: DealForecast, query: DealListQuery) {
  const limit = query.limit === undefined || query.limit === "" ? 100 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new AppError("validation_failed", "limit: must be a whole number from 1 to 1000", {
      field: "limit",
    });
  }
  const byId = new Map(f.deals.map((d) => [d.id, d]));
  const rows = f.predictions
    .filter((p) => !query.owner || byId.get(p.id)!.ownerId === query.owner)
    .sort((a, b) => b.amount * b.probability - a.amount * a.probability || (a.id < b.id ? -1 : 1));
  const page = rows.slice(0, limit);
  const ownerIds = [
    ...new Set(page.map((p) => byId.get(p.id)!.ownerId).filter((o): o is string => o !== null)),
  ];
  const owners = ownerIds.length
    ? new Map(
        (
          await db
            .selectFrom("users")
            .select(["id", "name"])
            .where("workspace_id", "=", f.fw.ws.id)
            .where("id", "in", ownerIds)
            .execute()
        ).map((u) => [u.id as string, u.name as string]),
      )
    : new Map<string, string>();
  const currency = f.fw.ws.currency;
  return {
    method: f.model.method,
    reason: f.model.reason,
    currency,
    total: rows.length,
    data: page.map((p) => {
      const deal = byId.get(p.id)!;
      return {
        id: p.id,
        name: deal.name,
        owner_id: deal.ownerId,
        owner: deal.ownerId ? (owners.get(deal.ownerId) ?? null) : null,
        stage: p.stage,
        amount: fromMinor(Math.round(p.amount), currency),
        probability: Math.round(p.probability * 10_000) / 10_000,
        expected_value: fromMinor(Math.round(p.amount * p.probability), currency),
        close_date: p.closeDate,
        expected_close: p.expectedClose,
        forecast_category: p.forecastCategory,
        method: p.method,
        factors: p.factors,
      };
    }),
  };
}
