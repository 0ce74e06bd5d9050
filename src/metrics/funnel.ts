import { sql } from "kysely";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { addDays, isDate, todayIn } from "./periods.ts";
import { loadMetricWorkspace } from "./settings.ts";
import { FUNNEL_STAGES, lifecycleSubjects } from "./sql/lifecycle.sql.ts";
import { runAnalytic } from "./sql/run.ts";

export interface FunnelQuery {
  from?: string;
  to?: string;
}

/**
 * The lifecycle funnel of the subjects (contacts, or accounts: setting `lifecycle_subject`) that
 * entered it in [from, to]: how many reached each stage since — reaching a later stage counts as
 * passing the ones skipped — the conversion from the stage before, and the median days it took.
 */
export async function funnel(db: Db, workspaceId: string, query: FunnelQuery = {}, now = new Date()) {
  const ws = await loadMetricWorkspace(db, workspaceId);
  const to = query.to ?? todayIn(ws.timezone, now);
  const from = query.from ?? addDays(to, -364);
  for (const [name, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (!isDate(value))
      throw new AppError("bad_request", `${name}: must be a date as YYYY-MM-DD`, { field: name });
  }
  const { from: subjects } = lifecycleSubjects(ws);
  const reached = FUNNEL_STAGES.map(
    (stage) => sql`count(${sql.ref(`l.${stage}_at`)})::int as ${sql.ref(stage)}`,
  );
  const days = FUNNEL_STAGES.slice(1).map(
    (
      stage,
      i,
    ) => sql`percentile_cont(0.5) within group (order by extract(epoch from ${sql.ref(`l.${stage}_at`)}
      - ${sql.ref(`l.${FUNNEL_STAGES[i]}_at`)}) / 86400) as ${sql.ref(`${stage}_days`)}`,
  );
  const rows = await runAnalytic(
    db,
    sql<Record<string, number | null>>`select ${sql.join([...reached, ...days])}
    ${subjects}
    where l.subscriber_at >= (${from}::date::timestamp at time zone ${ws.timezone})
      and l.subscriber_at < ((${to}::date + 1)::timestamp at time zone ${ws.timezone})`,
  );
  const row = rows[0];
  const entered = Number(row.subscriber ?? 0);
  const stages = FUNNEL_STAGES.map((stage, i) => {
    const count = Number(row[stage] ?? 0);
    const before = i === 0 ? entered : Number(row[FUNNEL_STAGES[i - 1]] ?? 0);
    const median = i === 0 ? null : row[`${stage}_days`];
    return {
      stage,
      reached: count,
      conversion_from_previous: i === 0 ? null : before === 0 ? null : count / before,
      conversion_from_entry: entered === 0 ? null : count / entered,
      median_days_from_previous:
        median === null || median === undefined ? null : Math.round(Number(median) * 100) / 100,
    };
  });
  return { from, to, subject: ws.settings.lifecycle_subject, entered, stages };
}
