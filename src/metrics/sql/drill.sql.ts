import { type RawBuilder, sql } from "kysely";
import type { DrillSpec } from "../definition.ts";
import { collectedQuery, costsQuery } from "./costs.sql.ts";
import { closedDealsQuery, createdDealsQuery, pipelineAsOfSql } from "./deals.sql.ts";
import { eventRowsSql } from "./events.sql.ts";
import { leadsQuery, mqlsQuery } from "./lifecycle.sql.ts";
import { mrrMovementsSql } from "./mrr.sql.ts";
import type { Scope } from "./scope.ts";
import { ticketsOpenedQuery, ticketsSolvedQuery } from "./support.sql.ts";

const list = (values: readonly string[] | boolean | string | undefined) =>
  Array.isArray(values) ? (values as string[]) : undefined;

/**
 * Row-level SQL of the records behind a value of one period (the scope's only period), each
 * row with `object`, `id`, `name`, `role` (what it is in the formula) and the amounts that
 * counted, in reporting minor units (`*_minor_reporting`). Ordered for display.
 */
export function drillSql(spec: DrillSpec, scope: Scope): RawBuilder<unknown> {
  const only = spec.only ?? {};
  const s = scope.ws.settings;
  switch (spec.source) {
    case "mrr_movements":
    case "customers": {
      const kinds = list(only.kind);
      const condition =
        spec.source === "customers"
          ? sql`mv.is_now`
          : only.was
            ? sql`mv.was`
            : kinds
              ? sql`mv.kind in (${sql.join(kinds)})`
              : sql`mv.kind <> 'flat'`;
      return sql`${mrrMovementsSql(scope)},
      shown as (select mv.* from mv where mv.k = 0 and ${condition}),
      subs as (
        select s.account_id, array_agg(distinct s.subscription_id order by s.subscription_id) as ids
        from segs s join shown using (account_id) join instants i on i.i in (0, 1)
          and s.valid_from < i.at and (s.valid_to is null or s.valid_to >= i.at) and s.counts_until >= i.at
        group by s.account_id)
      select 'accounts' as object, a.id, a.name, mv.kind as role, a.segment,
        mv.start_cc as start_mrr_minor_reporting, mv.end_rep as end_mrr_minor_reporting,
        mv.end_rep - mv.start_cc as change_minor_reporting, coalesce(subs.ids, '{}') as subscription_ids
      from shown mv join accounts a on a.workspace_id = ${scope.ws.id} and a.id = mv.account_id
      left join subs on subs.account_id = mv.account_id
      order by abs(mv.end_rep - mv.start_cc) desc, a.name, a.id`;
    }
    case "closed_deals": {
      const statuses = list(only.status) ?? ["won", "lost"];
      const types = list(only.type);
      const q = closedDealsQuery(scope);
      q.where = sql`${q.where} and o.status in (${sql.join(statuses)}) ${types ? sql`and o.type in (${sql.join(types)})` : sql``}`;
      return sql`select * from (${eventRowsSql(
        scope,
        q,
        sql`'opportunities' as object, o.id, o.name, o.status as role, o.type, o.stage, o.account_id, o.owner_id,
          o.amount_minor, o.currency, o.amount_minor * f.factor as amount_minor_reporting, o.opened_at, o.closed_at,
          round((extract(epoch from o.closed_at - o.opened_at) / 86400)::numeric, 2) as cycle_days`,
      )}) x order by closed_at, id`;
    }
    case "created_deals": {
      const q = createdDealsQuery(scope);
      return sql`select * from (${eventRowsSql(
        scope,
        q,
        sql`'opportunities' as object, o.id, o.name, 'created' as role, o.type, o.stage, o.status, o.account_id,
          o.owner_id, o.amount_minor, o.currency, o.amount_minor * f.factor as amount_minor_reporting, o.opened_at`,
      )}) x order by opened_at, id`;
    }
    case "pipeline_start":
    case "pipeline_end": {
      const unqualified = s.unqualified_stages;
      const qualified = unqualified.length ? sql`s.to_stage not in (${sql.join(unqualified)})` : sql`true`;
      const closing = sql`s.close_date between per.start_date and per.end_date`;
      const condition = only.qualified ? qualified : only.closing_in_period ? closing : sql`true`;
      return sql`select * from (${pipelineAsOfSql(
        scope,
        spec.source === "pipeline_start" ? "start" : "end",
        sql`'opportunities' as object, o.id, o.name, case when ${closing} then 'closing_in_period' else 'open' end as role,
          s.to_stage as stage_then, s.close_date as close_date_then, ${qualified} as qualified, o.owner_id, o.account_id,
          s.amount_minor, s.currency, s.amount_minor * f.factor as amount_minor_reporting, s.at as as_of`,
        sql`and ${condition}`,
      )}) x order by amount_minor_reporting desc nulls last, id`;
    }
    case "costs": {
      const categories =
        only.setting === "marketing_cost_categories" ? s.marketing_cost_categories : s.cac_cost_categories;
      const q = costsQuery(scope);
      q.where = sql`${q.where} and c.category in (${sql.join(categories)})`;
      return sql`select * from (${eventRowsSql(
        scope,
        q,
        sql`'costs' as object, c.id, coalesce(c.description, c.category) as name, 'spend' as role, c.category,
          c.campaign_id, c.incurred_on, c.amount_minor, c.currency, c.amount_minor * f.factor as amount_minor_reporting`,
      )}) x order by incurred_on, id`;
    }
    case "collected":
      return sql`select * from (${eventRowsSql(
        scope,
        collectedQuery(scope),
        sql`case when m.kind = 'payment' then 'payments' else 'refunds' end as object, m.id, a.name, m.kind as role,
          m.account_id, m.at as occurred_at, m.amount_minor, m.currency, m.amount_minor * f.factor as amount_minor_reporting`,
      )}) x order by occurred_at, id`;
    case "leads": {
      const q = only.reached === "mql" ? mqlsQuery(scope) : leadsQuery(scope);
      const subject = s.lifecycle_subject === "account";
      return sql`select * from (${eventRowsSql(
        scope,
        q,
        subject
          ? sql`'accounts' as object, a.id, a.name, case when l.customer_at is null then 'lead' else 'converted' end as role,
              l.lead_at, l.mql_at, l.customer_at`
          : sql`'contacts' as object, ct.id, coalesce(nullif(trim(concat_ws(' ', ct.first_name, ct.last_name)), ''), ct.email) as name,
              case when l.customer_at is null then 'lead' else 'converted' end as role, ct.email, ct.account_id,
              l.lead_at, l.mql_at, l.customer_at`,
      )}) x order by lead_at, id`;
    }
    case "tickets_opened":
    case "tickets_solved": {
      const q = spec.source === "tickets_opened" ? ticketsOpenedQuery(scope) : ticketsSolvedQuery(scope);
      return sql`select * from (${eventRowsSql(
        scope,
        q,
        sql`'tickets' as object, t.id, t.subject as name, t.status as role, t.priority, t.account_id, t.opened_at, t.solved_at,
          round((extract(epoch from t.solved_at - t.opened_at) / 3600)::numeric, 2) as resolution_hours`,
      )}) x order by opened_at, id`;
    }
    case "forecast":
      throw new Error("forecast drill-downs are read by drill-down.ts");
  }
}
