import { sql } from "kysely";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { bottlenecks } from "./bottlenecks.ts";
import { MAX_DRILL } from "./drill-down.ts";
import { funnel } from "./funnel.ts";
import { loadMetricWorkspace } from "./settings.ts";
import { FUNNEL_STAGES, lifecycleSubjects } from "./sql/lifecycle.sql.ts";
import { runAnalytic } from "./sql/run.ts";

export const FUNNEL_STEPS = ["reached", "converted"] as const;
export const BOTTLENECK_KINDS = ["in_stage", "stalled"] as const;

interface Page {
  limit?: number;
  offset?: number;
}

export interface FunnelRecordsQuery extends Page {
  stage?: string;
  step?: string;
  from?: string;
  to?: string;
}

export interface BottleneckRecordsQuery extends Page {
  stage?: string;
  kind?: string;
  from?: string;
  to?: string;
  factor?: number;
}

type Row = Record<string, unknown>;

function page(query: Page) {
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
  return { limit, offset };
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], field: string): T {
  if (value === undefined || value === "")
    throw new AppError("bad_request", `${field}: is required (${allowed.join(", ")})`, { field });
  if (!allowed.includes(value as T))
    throw new AppError("validation_failed", `${field}: must be one of ${allowed.join(", ")}`, { field });
  return value as T;
}

/** A funnel stage as people say it: MQL, SQL, Lead. */
const stageName = (stage: string) =>
  stage === "mql" || stage === "sql" ? stage.toUpperCase() : stage.charAt(0).toUpperCase() + stage.slice(1);
const roundDays = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));

/**
 * The subjects behind one funnel step, with the funnel's own period rule (entered the funnel —
 * became a subscriber or anything later — in [from, to]): `reached` lists those who reached
 * `stage` (or a later one), `converted` those of them who went on to the next stage, so the
 * counts equal `reached` of the stage and of the stage after it in `GET /api/metrics/funnel`.
 */
export async function funnelRecords(
  db: Db,
  workspaceId: string,
  query: FunnelRecordsQuery,
  now = new Date(),
) {
  const stage = oneOf(query.stage, FUNNEL_STAGES, "stage");
  const step = oneOf(query.step ?? "reached", FUNNEL_STEPS, "step");
  const { limit, offset } = page(query);
  const index = FUNNEL_STAGES.indexOf(stage);
  const next = FUNNEL_STAGES[index + 1];
  if (step === "converted" && !next) {
    throw new AppError("validation_failed", `step: ${stage} is the last stage; nobody converts onward`, {
      field: "step",
    });
  }
  // The aggregate validates and defaults the range exactly as the funnel chart does.
  const aggregate = await funnel(db, workspaceId, { from: query.from, to: query.to }, now);
  const { from, to } = aggregate;
  const ws = await loadMetricWorkspace(db, workspaceId);
  const { from: subjects, entity } = lifecycleSubjects(ws);
  const reachedAt = sql.ref(`l.${stage}_at`);
  const nextAt = next ? sql.ref(`l.${next}_at`) : sql`null::timestamptz`;
  const identity =
    entity === "account"
      ? sql`'accounts' as object, a.id, a.name, null::text as email`
      : sql`'contacts' as object, ct.id,
          coalesce(nullif(trim(concat_ws(' ', ct.first_name, ct.last_name)), ''), ct.email) as name, ct.email`;
  const rows = await runAnalytic(
    db,
    sql<Row>`select ${identity},
      case when ${nextAt} is not null then 'converted' else 'reached' end as role,
      l.subscriber_at as entered_at, ${reachedAt} as reached_at, ${nextAt} as converted_at,
      count(*) over () as total
    ${subjects}
    where l.subscriber_at >= (${from}::date::timestamp at time zone ${ws.timezone})
      and l.subscriber_at < ((${to}::date + 1)::timestamp at time zone ${ws.timezone})
      and ${reachedAt} is not null
      ${step === "converted" ? sql`and ${nextAt} is not null` : sql``}
    order by ${reachedAt}, 3, 2
    limit ${limit} offset ${offset}`,
  );
  const counted = aggregate.stages[step === "converted" ? index + 1 : index].reached;
  const [shown, nextShown] = [stageName(stage), next ? stageName(next) : ""];
  return {
    metric: {
      key: "funnel",
      name: step === "converted" ? `Funnel: ${shown} → ${nextShown}` : `Funnel: reached ${shown}`,
      formula:
        step === "converted"
          ? `${entity === "account" ? "accounts" : "contacts"} that entered the funnel in the range, reached ${shown} and then ${nextShown}`
          : `${entity === "account" ? "accounts" : "contacts"} that entered the funnel in the range and reached ${shown} (or a later stage)`,
    },
    stage,
    step,
    subject: entity,
    from,
    to,
    currency: ws.currency,
    records: rows.map(
      ({ total: _t, entered_at, reached_at, converted_at, ...r }): Row => ({
        ...r,
        entered_at: iso(entered_at),
        reached_at: iso(reached_at),
        converted_at: iso(converted_at),
      }),
    ),
    total: rows.length ? Number(rows[0].total) : counted,
    limit,
    offset,
  };
}

/**
 * The deals behind one opportunity stage of the bottleneck view: `in_stage` lists the visits
 * of the stage that began in [from, to] (the chart's `entered`), each with its days in the
 * stage (to when it left, or to now for a deal still there); `stalled` the open deals stalled
 * in that stage now, exactly as the stalled table lists them.
 */
export async function bottleneckRecords(
  db: Db,
  workspaceId: string,
  query: BottleneckRecordsQuery,
  now = new Date(),
) {
  const kind = oneOf(query.kind ?? "in_stage", BOTTLENECK_KINDS, "kind");
  if (!query.stage) throw new AppError("bad_request", "stage: is required", { field: "stage" });
  const stage = query.stage;
  const { limit, offset } = page(query);
  const aggregate = await bottlenecks(
    db,
    workspaceId,
    { from: query.from, to: query.to, factor: query.factor, limit: MAX_DRILL },
    now,
  );
  const ws = await loadMetricWorkspace(db, workspaceId);
  const known = new Set([
    ...ws.settings.opportunity_stages,
    ...aggregate.opportunity_stages.map((s) => s.stage),
    ...aggregate.stalled.deals.map((d) => d.stage),
  ]);
  if (!known.has(stage)) {
    throw new AppError(
      "validation_failed",
      `stage: ${stage} is not an open opportunity stage (${[...known].join(", ")})`,
      { field: "stage" },
    );
  }
  const { from, to } = aggregate;
  const head = {
    stage,
    kind,
    from,
    to,
    stalled_factor: aggregate.stalled_factor,
    currency: aggregate.currency,
  };
  if (kind === "stalled") {
    const all = aggregate.stalled.deals.filter((d) => d.stage === stage);
    return {
      metric: {
        key: "bottlenecks",
        name: `Stalled in ${stage}`,
        formula: `open deals in ${stage} for longer than ${aggregate.stalled_factor} × the stage's median days`,
      },
      ...head,
      records: all.slice(offset, offset + limit).map(
        (d): Row => ({
          object: "opportunities",
          id: d.id,
          name: d.name,
          role: "stalled",
          stage: d.stage,
          amount: d.amount,
          entered_at: iso(d.entered_at),
          days_in_stage: d.days_in_stage,
          median_days: d.median_days,
          ratio: d.ratio,
        }),
      ),
      total: all.length,
      limit,
      offset,
    };
  }
  // Visits of a stage, as the bottleneck table builds them: a change of stage starts a visit,
  // the next change ends it.
  const rows = await runAnalytic(
    db,
    sql<Row>`with raw as (
      select opportunity_id as subject_id, to_stage as stage, changed_at as at, id
      from opportunity_stage_history where workspace_id = ${ws.id}),
    changes as (
      select subject_id, stage, at, lag(stage) over (partition by subject_id order by at, id) as prev from raw),
    visits as (
      select subject_id, stage, at as entered_at, lead(at) over (partition by subject_id order by at) as left_at
      from changes where prev is distinct from stage)
    select 'opportunities' as object, v.subject_id as id, coalesce(o.name, v.subject_id::text) as name,
      case when v.left_at is null then 'in_stage' else 'left_stage' end as role,
      v.stage, v.entered_at, v.left_at,
      extract(epoch from coalesce(v.left_at, ${now}::timestamptz) - v.entered_at) / 86400 as days_in_stage,
      count(*) over () as total
    from visits v
    left join opportunities o on o.workspace_id = ${ws.id} and o.id = v.subject_id
    where v.stage = ${stage}
      and v.entered_at >= (${from}::date::timestamp at time zone ${ws.timezone})
      and v.entered_at < ((${to}::date + 1)::timestamp at time zone ${ws.timezone})
    order by v.entered_at, v.subject_id
    limit ${limit} offset ${offset}`,
  );
  const counted = aggregate.opportunity_stages.find((s) => s.stage === stage)?.entered ?? 0;
  return {
    metric: {
      key: "bottlenecks",
      name: `Time in ${stage}`,
      formula: "deals that entered the stage in the range; days in stage = left_at (or now) − entered_at",
    },
    ...head,
    records: rows.map(
      ({ total: _t, entered_at, left_at, days_in_stage, ...r }): Row => ({
        ...r,
        entered_at: iso(entered_at),
        left_at: iso(left_at),
        days_in_stage: roundDays(days_in_stage),
      }),
    ),
    total: rows.length ? Number(rows[0].total) : offset === 0 ? 0 : counted,
    limit,
    offset,
  };
}
