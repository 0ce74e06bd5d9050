import { sql } from "kysely";
import { can } from "../auth/index.ts";
import type { Db } from "../db/types.ts";
import { notFound } from "../errors/app-error.ts";
import type { Actor } from "../records/index.ts";
import { accountHealth, type Health } from "./account-health.ts";

export interface Amount {
  currency: string;
  amount_minor: number;
}

export interface AccountSummary {
  id: string;
  name: string;
  lifecycle_stage: string | null;
  /** Annual recurring revenue: 12 × the MRR of active and past-due subscriptions, per currency. */
  arr: Amount[] | null;
  /** Open opportunities: their amounts per currency and how many. */
  open_pipeline: Array<Amount & { count: number }> | null;
  /** The most recent activity (not a pending task) or touchpoint of the account or its contacts. */
  last_touch: { at: string; kind: string; team: "communication" | "marketing" } | null;
  health: Health;
  /** The account's lifecycle transitions, oldest first: its journey. */
  journey: Array<{ from_stage: string | null; stage: string; at: string }>;
}

const DAY_MS = 86_400_000;

/** An account's headline numbers for the top of its 360 page; health is defined in account-health.ts. */
export async function accountSummary(
  db: Db,
  actor: Actor,
  accountId: string,
  now = new Date(),
): Promise<AccountSummary> {
  const ws = actor.workspaceId;
  const mine = sql`workspace_id = ${ws} and account_id = ${accountId}`;
  const contacts = sql`(select id from contacts where workspace_id = ${ws} and account_id = ${accountId})`;
  const { rows } = await sql<Record<string, any>>`select a.id, a.name, a.lifecycle_stage,
    (select json_agg(x order by x.amount_minor desc) from (select currency, sum(mrr_minor) * 12 as amount_minor
      from subscriptions where ${mine} and status in ('active', 'past_due') group by currency) x) as arr,
    (select json_agg(x order by x.amount_minor desc) from (select currency, sum(coalesce(amount_minor, 0)) as amount_minor,
      count(*)::int as count from opportunities where ${mine} and status = 'open' group by currency) x) as open_pipeline,
    (select json_build_object('at', t.at, 'kind', t.kind, 'team', t.team) from (
      select occurred_at as at, kind, 'marketing' as team from touchpoints
        where workspace_id = ${ws} and (account_id = ${accountId} or contact_id in ${contacts}) and occurred_at <= ${now.toISOString()}::timestamptz
      union all
      select occurred_at, kind, 'communication' from activities
        where workspace_id = ${ws} and (account_id = ${accountId} or contact_id in ${contacts}) and occurred_at <= ${now.toISOString()}::timestamptz
          and (kind <> 'task' or completed_at is not null)
      order by 1 desc limit 1) t) as last_touch,
    (select count(*)::int from tickets where ${mine} and priority in ('urgent', 'high')
      and coalesce(status, 'new') not in ('solved', 'closed')) as serious_tickets,
    (select count(*)::int from invoices where ${mine} and status = 'open' and due_at < ${now.toISOString()}::timestamptz) as overdue_invoices,
    (select count(*)::int from payments where ${mine} and status = 'failed'
      and attempted_at > ${new Date(now.getTime() - 90 * DAY_MS).toISOString()}::timestamptz) as failed_payments,
    (select count(*)::int from subscriptions where ${mine} and status = 'past_due') as past_due,
    (select json_agg(json_build_object('from_stage', from_stage, 'stage', to_stage, 'at', transitioned_at)
        order by transitioned_at, id)
      from lifecycle_transitions where workspace_id = ${ws} and subject_type = 'account'
        and subject_id = ${accountId}) as journey
    from accounts a where a.workspace_id = ${ws} and a.id = ${accountId}`.execute(db);
  const row = rows[0];
  if (!row) throw notFound("account", accountId);

  const lastTouch = row.last_touch as AccountSummary["last_touch"];
  const daysSinceTouch = lastTouch ? Math.floor((now.getTime() - Date.parse(lastTouch.at)) / DAY_MS) : null;
  const amounts = (list: Array<Record<string, unknown>> | null) =>
    (list ?? []).map((a) => ({ ...a, amount_minor: Number(a.amount_minor) })) as Array<
      Amount & { count: number }
    >;
  return {
    id: row.id,
    name: row.name,
    lifecycle_stage: row.lifecycle_stage,
    arr: can(actor.role, "finance", "read") ? amounts(row.arr) : null,
    open_pipeline: can(actor.role, "pipeline", "read") ? amounts(row.open_pipeline) : null,
    last_touch: lastTouch ? { ...lastTouch, at: new Date(lastTouch.at).toISOString() } : null,
    health: accountHealth({
      lifecycleStage: row.lifecycle_stage,
      daysSinceTouch,
      openSeriousTickets: row.serious_tickets,
      overdueInvoices: row.overdue_invoices,
      failedPaymentsLast90Days: row.failed_payments,
      pastDueSubscriptions: row.past_due,
    }),
    journey: ((row.journey ?? []) as AccountSummary["journey"]).map((j) => ({
      ...j,
      at: new Date(j.at).toISOString(),
    })),
  };
}
