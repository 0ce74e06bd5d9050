import { type RawBuilder, sql } from "kysely";
import type { Scope } from "./scope.ts";

/**
 * `segs(account_id, subscription_id, currency, mrr_minor, status, valid_from, valid_to, counts_until)`:
 * each subscription version in force from its `effective_at` until the next version's.
 * `counts_until` is when its MRR stops counting: never (null) for a status that does not count,
 * `infinity` for one that does, and N days after the subscription fell past due when past-due
 * subscriptions churn after N days. `accounts` (a CTE with `account_id`) limits it to some accounts.
 */
export function segmentsSource(scope: Scope, accounts?: RawBuilder<unknown>): RawBuilder<unknown> {
  const s = scope.ws.settings;
  const days = s.past_due_churn_days;
  const order = sql`partition by v.subscription_id order by v.effective_at, v.created_at, v.id`;
  return sql`v0 as (
    select s.account_id, v.subscription_id, v.currency, v.status, v.mrr_minor, v.effective_at as valid_from,
      lead(v.effective_at) over (${order}) as valid_to,
      lag(v.status) over (${order}) as prev_status, v.created_at, v.id
    from subscription_versions v
    join subscriptions s on s.workspace_id = v.workspace_id and s.id = v.subscription_id
    ${accounts ? sql`join ${accounts} d on d.account_id = s.account_id` : sql``}
    where v.workspace_id = ${scope.ws.id}),
  segs as (
    select account_id, subscription_id, currency, mrr_minor, status, valid_from, valid_to,
      case
        when status not in (${sql.join(s.mrr_statuses)}) then null
        ${
          days === null
            ? sql``
            : sql`when status = 'past_due' then (max(case when status = 'past_due' and prev_status is distinct from 'past_due' then valid_from end)
                over (partition by subscription_id order by valid_from, created_at, id rows unbounded preceding))
                + ${`${days} days`}::interval`
        }
        else 'infinity'::timestamptz
      end as counts_until
    from v0 v)`;
}
