import { type RawBuilder, sql } from "kysely";
import type { Db } from "../../db/types.ts";
import { LIFECYCLE_STAGES } from "../../model/lifecycle.ts";
import type { MetricWorkspace } from "../settings.ts";
import { type EventQuery, eventCore } from "./events.sql.ts";
import type { CoreRow, Scope } from "./scope.ts";

/** The funnel, in order: a subject that reached a stage (or any later one) counts as reaching it. */
export const FUNNEL_STAGES = ["subscriber", "lead", "mql", "sql", "opportunity", "customer"] as const;

/** `customer` is reached by becoming a customer or an evangelist; `churned` and `other` are outside the funnel. */
export function stagesFrom(stage: string): string[] {
  const order = LIFECYCLE_STAGES.slice(0, LIFECYCLE_STAGES.indexOf("evangelist") + 1) as readonly string[];
  return order.slice(order.indexOf(stage));
}

/**
 * One row per lifecycle subject (contact or account, setting `lifecycle_subject`) with the
 * first time it reached each funnel stage, joined to the subject's record as `ct` (contacts)
 * or `a` (accounts).
 */
export function lifecycleSubjects(ws: MetricWorkspace): {
  from: RawBuilder<unknown>;
  entity: "contact" | "account";
} {
  const subject = ws.settings.lifecycle_subject;
  const reached = FUNNEL_STAGES.map(
    (stage) =>
      sql`min(lt.transitioned_at) filter (where lt.to_stage in (${sql.join(stagesFrom(stage))})) as ${sql.ref(`${stage}_at`)}`,
  );
  const journeys = sql`(select lt.subject_id, ${sql.join(reached)}
    from lifecycle_transitions lt where lt.workspace_id = ${ws.id} and lt.subject_type = ${subject}
    group by lt.subject_id) l`;
  if (subject === "account") {
    return {
      entity: "account",
      from: sql`from ${journeys} join accounts a on a.workspace_id = ${ws.id} and a.id = l.subject_id`,
    };
  }
  return {
    entity: "contact",
    from: sql`from ${journeys}
      join contacts ct on ct.workspace_id = ${ws.id} and ct.id = l.subject_id
      left join accounts a on a.workspace_id = ct.workspace_id and a.id = ct.account_id`,
  };
}

/** Leads by the period they became leads, and how many of them have become customers since. */
export function leadsQuery(scope: Scope): EventQuery {
  const { from, entity } = lifecycleSubjects(scope.ws);
  return {
    entity,
    from,
    at: sql`l.lead_at`,
    where: sql`l.lead_at is not null`,
    select: sql`count(*) as leads, count(l.customer_at) as converted_leads`,
  };
}

export function mqlsQuery(scope: Scope): EventQuery {
  const { from, entity } = lifecycleSubjects(scope.ws);
  return { entity, from, at: sql`l.mql_at`, where: sql`l.mql_at is not null`, select: sql`count(*) as mqls` };
}

export async function leadsCore(db: Db, scope: Scope): Promise<CoreRow[]> {
  return [
    ...(await eventCore(db, scope, leadsQuery(scope))),
    ...(await eventCore(db, scope, mqlsQuery(scope))),
  ];
}
