import { type RawBuilder, sql } from "kysely";
import type { Db } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { fromMinor } from "../../model/money.ts";
import { loadFxTable } from "../fx.ts";
import { isDate, todayIn } from "../periods.ts";
import { loadMetricWorkspace } from "../settings.ts";
import { runAnalytic } from "../sql/run.ts";
import { jsonParam } from "../sql/scope.ts";
import { ATTRIBUTION_MODELS, type AttributionModel, MODEL_DESCRIPTIONS } from "./models.ts";

export interface AttributionQuery {
  /** One model, a comma-separated list, or `all` to compare every model. */
  model?: string;
  /** `pipeline`: deals opened in the range, credited at opening; `revenue`: deals won in it, at the win. */
  basis?: string;
  from?: string;
  to?: string;
  /** Credit per `campaign` (default) or per `channel`. */
  by?: string;
}

/**
 * Each touch's weight under `model`, as SQL over one conversion's touches ordered by time —
 * the same rules as attributionWeights() (models.ts), which the tests hold it to.
 * Columns: r (1-based position), n (touches), lead_r, opp_r and milestones (W-shaped), decay_w.
 */
function weightSql(model: AttributionModel): RawBuilder<unknown> {
  switch (model) {
    case "first_touch":
      return sql`case when r = 1 then 1.0 else 0 end`;
    case "last_touch":
      return sql`case when r = n then 1.0 else 0 end`;
    case "linear":
      return sql`1.0 / n`;
    case "u_shaped":
      return sql`case when n = 1 then 1.0 when n = 2 then 0.5 when r = 1 or r = n then 0.4 else 0.2 / (n - 2) end`;
    case "w_shaped":
      return sql`case
        when n = milestones then 0.3 * ((r = 1)::int + (r = lead_r)::int + (r = opp_r)::int) / 0.9
        when r = 1 or r = lead_r or r = opp_r then 0.3 * ((r = 1)::int + (r = lead_r)::int + (r = opp_r)::int)
        else 0.1 / (n - milestones) end`;
    case "time_decay":
      return sql`decay_w`;
  }
}

function parseModels(raw: string | undefined): AttributionModel[] {
  if (!raw || raw === "all") return [...ATTRIBUTION_MODELS];
  return raw.split(",").map((m) => {
    if (!ATTRIBUTION_MODELS.includes(m.trim() as AttributionModel)) {
      throw new AppError("bad_request", `model: must be all or one of ${ATTRIBUTION_MODELS.join(", ")}`, {
        field: "model",
      });
    }
    return m.trim() as AttributionModel;
  });
}

/**
 * Credits pipeline or revenue to campaigns (or channels) under each model asked. Touches are
 * the touchpoints of the deal's account or primary contact within the lookback window before
 * the conversion; deals with none are reported as unattributed.
 */
export async function attribution(db: Db, workspaceId: string, query: AttributionQuery, now = new Date()) {
  const ws = await loadMetricWorkspace(db, workspaceId);
  const models = parseModels(query.model);
  const basis = query.basis ?? "pipeline";
  if (basis !== "pipeline" && basis !== "revenue") {
    throw new AppError("bad_request", "basis: must be pipeline or revenue", { field: "basis" });
  }
  const by = query.by ?? "campaign";
  if (by !== "campaign" && by !== "channel") {
    throw new AppError("bad_request", "by: must be campaign or channel", { field: "by" });
  }
  const today = todayIn(ws.timezone, now);
  const to = query.to ?? today;
  const from = query.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`;
  for (const [name, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (!isDate(value))
      throw new AppError("bad_request", `${name}: must be a date as YYYY-MM-DD`, { field: name });
  }
  const s = ws.settings;
  const fx = await loadFxTable(db, ws.id, ws.currency, s.fx_pivot_currency);
  const conversion = basis === "pipeline" ? sql`o.opened_at` : sql`o.closed_at`;
  // Pipeline is credited at the amount the deal opened with; revenue at the amount won.
  const amount =
    basis === "pipeline"
      ? sql`coalesce((select h.amount_minor from opportunity_stage_history h where h.workspace_id = o.workspace_id
          and h.opportunity_id = o.id order by h.changed_at, h.id limit 1), o.amount_minor)`
      : sql`o.amount_minor`;
  const tz = ws.timezone;
  const lookback = sql`${`${s.attribution_lookback_days} days`}::interval`;
  const conversions = sql`
  fx as (select * from jsonb_to_recordset(${jsonParam(fx.daily(from, to))}) as f(currency text, day date, factor numeric)),
  conv as (
    select o.id as conv_id, o.account_id, o.primary_contact_id, ${conversion} as conv_at, o.opened_at,
      ${amount} * f.factor as value, f.factor is null as fx_missing
    from opportunities o
    left join fx f on f.currency = o.currency and f.day = (${conversion} at time zone ${tz})::date
    where o.workspace_id = ${ws.id} ${basis === "revenue" ? sql`and o.status = 'won'` : sql``}
      and ${conversion} >= (${from}::date::timestamp at time zone ${tz})
      and ${conversion} < ((${to}::date + 1)::timestamp at time zone ${tz})),
  touched as (
    select c.*, tp.id as touch_id, tp.occurred_at, tp.campaign_id
    from conv c join touchpoints tp on tp.workspace_id = ${ws.id} and tp.account_id = c.account_id
      and tp.occurred_at <= c.conv_at and tp.occurred_at > c.conv_at - ${lookback}
    union all
    select c.*, tp.id, tp.occurred_at, tp.campaign_id
    from conv c join touchpoints tp on tp.workspace_id = ${ws.id} and tp.contact_id = c.primary_contact_id
      and tp.account_id is distinct from c.account_id
      and tp.occurred_at <= c.conv_at and tp.occurred_at > c.conv_at - ${lookback})`;
  const group = by === "campaign" ? sql`t.campaign_id` : sql`cp.channel`;
  const credits = models.map(
    (m) => sql`coalesce(sum(t.value * (${weightSql(m)})), 0) as ${sql.ref(`${m}_value`)},
      coalesce(sum(${weightSql(m)}), 0) as ${sql.ref(`${m}_count`)}`,
  );
  const rows = await runAnalytic(
    db,
    sql<Record<string, unknown>>`with ${conversions},
  leads as (
    select lt.subject_id, min(lt.transitioned_at) as lead_at from lifecycle_transitions lt
    where lt.workspace_id = ${ws.id} and lt.subject_type = 'contact'
      and lt.subject_id in (select primary_contact_id from conv)
      and lt.to_stage in ('lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist')
    group by lt.subject_id),
  ranked as (
    select t.*, row_number() over w as r, count(*) over (partition by conv_id) as n,
      greatest(1, count(*) filter (where occurred_at <= l.lead_at) over (partition by conv_id)) as lead_r,
      greatest(1, count(*) filter (where occurred_at <= opened_at) over (partition by conv_id)) as opp_r,
      power(2::numeric, -(extract(epoch from conv_at - occurred_at) / 86400 / ${s.time_decay_half_life_days})::numeric) as decay
    from touched t left join leads l on l.subject_id = t.primary_contact_id
    window w as (partition by conv_id order by occurred_at, touch_id)),
  weighted as (
    select *, 1 + (lead_r <> 1)::int + (opp_r <> 1 and opp_r <> lead_r)::int as milestones,
      decay / sum(decay) over (partition by conv_id) as decay_w
    from ranked)
  select ${group} as grp, ${sql.join(credits)}
  from weighted t left join campaigns cp on cp.workspace_id = ${ws.id} and cp.id = t.campaign_id
  group by 1`,
  );

  const totals = await runAnalytic(
    db,
    sql<{ n: number; value: number | null; touched: number; fx_missing: boolean }>`
    with ${conversions}
    select count(*)::int as n, sum(value) as value, bool_or(fx_missing) as fx_missing,
      (select count(distinct conv_id)::int from touched) as touched
    from conv`,
  );
  if (totals[0].fx_missing) {
    throw new AppError(
      "validation_failed",
      `fx_rates: an opportunity's currency has no rate to ${ws.currency}`,
      {
        field: "fx_rates",
      },
    );
  }

  const labels =
    by === "campaign"
      ? await campaignNames(
          db,
          ws.id,
          rows.map((r) => r.grp as string | null),
        )
      : new Map();
  const money = (minor: unknown) => (minor === null ? 0 : fromMinor(Math.round(Number(minor)), ws.currency));
  const results = models.map((model) => {
    const credited = rows
      .map((r) => ({
        group: r.grp as string | null,
        label: by === "campaign" ? (labels.get(r.grp as string) ?? null) : (r.grp as string | null),
        value: money(r[`${model}_value`]),
        opportunities: Number(r[`${model}_count`]),
      }))
      .filter((r) => r.opportunities > 0 || r.value !== 0)
      .sort(
        (a, b) =>
          b.value - a.value ||
          b.opportunities - a.opportunities ||
          String(a.label).localeCompare(String(b.label)),
      );
    const total = credited.reduce((sum, r) => sum + r.value, 0);
    return {
      model,
      description: MODEL_DESCRIPTIONS[model],
      rows: credited.map((r) => ({ ...r, share: total === 0 ? null : r.value / total })),
    };
  });
  return {
    basis,
    by,
    from,
    to,
    currency: ws.currency,
    lookback_days: s.attribution_lookback_days,
    opportunities: totals[0].n,
    value: money(totals[0].value),
    unattributed_opportunities: totals[0].n - totals[0].touched,
    results,
  };
}

async function campaignNames(db: Db, workspaceId: string, ids: Array<string | null>) {
  const wanted = ids.filter((id): id is string => id !== null);
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom("campaigns")
    .select(["id", "name"])
    .where("workspace_id", "=", workspaceId)
    .where("id", "in", wanted)
    .execute();
  return new Map(rows.map((r) => [r.id as string, r.name as string]));
}
