import { sql } from "kysely";
import type { Db } from "../../db/types.ts";
import { type DealForecast, forecastDeals } from "./forecast-deals.ts";

/** A trained forecast is reused while the data it read is unchanged, for at most this long (ages move on). */
const MAX_AGE_MS = 10 * 60_000;
const cache = new Map<string, { key: string; at: number; forecast: Promise<DealForecast> }>();

/** What the model reads, summarised cheaply: any write to it changes this. */
async function dataVersion(db: Db, workspaceId: string): Promise<string> {
  const { rows } = await sql<Record<string, unknown>>`
    select
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from opportunities where workspace_id = ${workspaceId}) as o,
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from opportunity_stage_history where workspace_id = ${workspaceId}) as h,
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from activities where workspace_id = ${workspaceId} and opportunity_id is not null) as a,
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from fx_rates where workspace_id = ${workspaceId}) as f,
      (select settings::text || timezone || reporting_currency from workspaces where id = ${workspaceId}) as w`.execute(
    db,
  );
  return JSON.stringify(rows[0]);
}

/** The workspace's deal forecast as of now, trained once per data version (and at most every ten minutes). */
export async function cachedDealForecast(
  db: Db,
  workspaceId: string,
  now = new Date(),
): Promise<DealForecast> {
  const key = await dataVersion(db, workspaceId);
  const hit = cache.get(workspaceId);
  if (hit && hit.key === key && now.getTime() - hit.at < MAX_AGE_MS && now.getTime() >= hit.at)
    return hit.forecast;
  const forecast = forecastDeals(db, workspaceId, now);
  cache.set(workspaceId, { key, at: now.getTime(), forecast });
  forecast.catch(() => cache.delete(workspaceId));
  return forecast;
}
