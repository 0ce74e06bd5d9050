import { type RawBuilder, sql } from "kysely";
import { can } from "../auth/index.ts";
import type { Db } from "../db/types.ts";
import { AppError, notFound } from "../errors/app-error.ts";
import type { Area } from "../model/object-def.ts";
import type { Actor } from "../records/index.ts";
import {
  TIMELINE_TEAMS,
  type TimelineEvent,
  type TimelineRow,
  type TimelineTeam,
  toEvent,
} from "./timeline-events.ts";

export interface TimelineQuery {
  limit?: number;
  /** `next_cursor` of the previous page. */
  before?: string;
  /** Only these teams' events. */
  teams?: TimelineTeam[];
}

export interface TimelinePage {
  data: TimelineEvent[];
  next_cursor: string | null;
  /** Events per team over the whole timeline (with no team filter). */
  counts: Record<TimelineTeam, number>;
}

export const MAX_TIMELINE_PAGE = 500;

/**
 * One SELECT per kind of event, each shaped alike: when, whose team, what kind, which record
 * (object, id), and a few raw values that timeline-events.ts turns into a sentence. Each is
 * read only when the caller's role may read its area.
 */
function branches(ws: string, account: string): Array<{ area: Area; query: RawBuilder<unknown> }> {
  const contacts = sql`(select id from contacts where workspace_id = ${ws} and account_id = ${account})`;
  const opps = sql`(select id from opportunities where workspace_id = ${ws} and account_id = ${account})`;
  const subs = sql`(select id from subscriptions where workspace_id = ${ws} and account_id = ${account})`;
  const payments = sql`(select id from payments where workspace_id = ${ws} and account_id = ${account})`;
  return [
    {
      area: "marketing",
      query: sql`select t.occurred_at as at, 'marketing'::text as team, 'touchpoint'::text as kind, t.id as event_id,
          'touchpoints'::text as object, t.id as record_id, t.kind as name, c.name as a, t.url as b,
          null::text as status, null::bigint as amount_minor, null::text as currency
        from touchpoints t left join campaigns c on c.workspace_id = t.workspace_id and c.id = t.campaign_id
        where t.workspace_id = ${ws} and (t.account_id = ${account} or t.contact_id in ${contacts})`,
    },
    {
      area: "crm",
      query: sql`select l.transitioned_at, 'lifecycle', 'lifecycle_' || l.subject_type, l.id,
          case when l.subject_type = 'account' then 'accounts' else 'contacts' end, l.subject_id,
          case when l.subject_type = 'contact'
            then (select coalesce(nullif(concat_ws(' ', first_name, last_name), ''), email) from contacts
                  where workspace_id = l.workspace_id and id = l.subject_id) end,
          l.from_stage, l.to_stage, null, null, null
        from lifecycle_transitions l
        where l.workspace_id = ${ws} and ((l.subject_type = 'account' and l.subject_id = ${account})
          or (l.subject_type = 'contact' and l.subject_id in ${contacts}))`,
    },
    {
      area: "pipeline",
      query: sql`select coalesce(o.opened_at, o.created_at), 'sales', 'opportunity_opened', o.id, 'opportunities', o.id,
          o.name, o.type, o.pipeline, o.status, o.amount_minor, o.currency
        from opportunities o where o.workspace_id = ${ws} and o.account_id = ${account}
        union all
        select h.changed_at, 'sales',
          case when h.from_stage is distinct from h.to_stage then 'stage_change' else 'deal_updated' end,
          h.id, 'opportunities', h.opportunity_id, o.name, h.from_stage, h.to_stage, h.forecast_category,
          h.amount_minor, h.currency
        from opportunity_stage_history h
        join opportunities o on o.workspace_id = h.workspace_id and o.id = h.opportunity_id
        where h.workspace_id = ${ws} and h.opportunity_id in ${opps} and h.from_stage is not null`,
    },
    {
      area: "crm",
      query: sql`select a.occurred_at, 'communication', 'activity', a.id, 'activities', a.id, a.subject, a.kind,
          a.direction, a.outcome, null, null
        from activities a where a.workspace_id = ${ws} and (a.account_id = ${account}
          or a.contact_id in ${contacts} or a.opportunity_id in ${opps})`,
    },
    {
      area: "support",
      query: sql`select t.opened_at, 'support', 'ticket_opened', t.id, 'tickets', t.id, t.subject, t.priority, null,
          t.status, null, null
        from tickets t where t.workspace_id = ${ws} and (t.account_id = ${account} or t.contact_id in ${contacts})
        union all
        select t.solved_at, 'support', 'ticket_solved', 's:' || t.id, 'tickets', t.id, t.subject, null, null,
          t.status, null, null
        from tickets t where t.workspace_id = ${ws} and t.solved_at is not null
          and (t.account_id = ${account} or t.contact_id in ${contacts})`,
    },
    {
      area: "finance",
      query: sql`select v.effective_at, 'finance', 'subscription_version', v.id, 'subscriptions', v.subscription_id,
          v.change_reason, v.billing_interval, null, v.status, v.mrr_minor, v.currency
        from subscription_versions v where v.workspace_id = ${ws} and v.subscription_id in ${subs}
        union all
        select i.issued_at, 'finance', 'invoice', i.id, 'invoices', i.id, i.number, null, null, i.status,
          i.total_minor, i.currency
        from invoices i where i.workspace_id = ${ws} and i.account_id = ${account}
        union all
        select p.attempted_at, 'finance', 'payment', p.id, 'payments', p.id, p.method, p.failure_reason, null,
          p.status, p.amount_minor, p.currency
        from payments p where p.workspace_id = ${ws} and p.account_id = ${account}
        union all
        select r.refunded_at, 'finance', 'refund', r.id, 'refunds', r.id, r.reason, null, null, r.status,
          r.amount_minor, r.currency
        from refunds r where r.workspace_id = ${ws} and (r.account_id = ${account} or r.payment_id in ${payments})`,
    },
    {
      area: "partner",
      query: sql`select a.created_at, 'partner', 'partner_account', 'pa:' || a.id, 'partners', a.partner_id, p.name,
          null, null, null, null, null
        from accounts a join partners p on p.workspace_id = a.workspace_id and p.id = a.partner_id
        where a.workspace_id = ${ws} and a.id = ${account}
        union all
        select coalesce(o.opened_at, o.created_at), 'partner', 'partner_opportunity', 'po:' || o.id,
          'opportunities', o.id, p.name, o.name, null, null, o.amount_minor, o.currency
        from opportunities o join partners p on p.workspace_id = o.workspace_id and p.id = o.partner_id
        where o.workspace_id = ${ws} and o.account_id = ${account}
        union all
        select s.started_at, 'partner', 'partner_subscription', 'ps:' || s.id, 'subscriptions', s.id, p.name,
          null, null, null, null, null
        from subscriptions s join partners p on p.workspace_id = s.workspace_id and p.id = s.partner_id
        where s.workspace_id = ${ws} and s.account_id = ${account}`,
    },
  ];
}

interface Cursor {
  at: string;
  id: string;
}

function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    if (typeof c.at !== "string" || typeof c.id !== "string" || Number.isNaN(Date.parse(c.at)))
      throw new Error();
    return c;
  } catch {
    throw new AppError("bad_request", "before: not a cursor returned by this timeline", { field: "before" });
  }
}

/**
 * Everything that happened to an account, newest first, from every team: marketing
 * touchpoints and campaigns, opportunities and their stage moves, activities, tickets,
 * subscription versions, invoices, payments, refunds, partner involvement and lifecycle
 * transitions (of the account and of its contacts). Keyset-paged on (time, event id).
 */
export async function accountTimeline(
  db: Db,
  actor: Actor,
  accountId: string,
  query: TimelineQuery = {},
): Promise<TimelinePage> {
  const limit = query.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TIMELINE_PAGE)
    throw new AppError("bad_request", `limit: must be a whole number from 1 to ${MAX_TIMELINE_PAGE}`, {
      field: "limit",
    });
  const ws = actor.workspaceId;
  const account = await db
    .selectFrom("accounts")
    .select("id")
    .where("workspace_id", "=", ws)
    .where("id", "=", accountId)
    .executeTakeFirst();
  if (!account) throw notFound("account", accountId);

  const readable = branches(ws, accountId).filter((b) => can(actor.role, b.area, "read"));
  const events = sql`(${sql.join(
    readable.map((b) => b.query),
    sql` union all `,
  )})`;
  const teams = query.teams?.length ? query.teams : [...TIMELINE_TEAMS];
  const cursor = query.before ? decodeCursor(query.before) : null;
  const after = cursor ? sql`(e.at, e.event_id) < (${cursor.at}::timestamptz, ${cursor.id})` : sql`true`;
  const { rows } = await sql<TimelineRow>`select * from ${events} as e
    where e.at is not null and e.team in (${sql.join(teams)}) and ${after}
    order by e.at desc, e.event_id desc limit ${limit + 1}`.execute(db);
  const { rows: counted } = await sql<{ team: TimelineTeam; n: number }>`select e.team, count(*)::int as n
    from ${events} as e where e.at is not null group by e.team`.execute(db);

  const page = rows.slice(0, limit).map(toEvent);
  const last = page.at(-1);
  const counts = Object.fromEntries(TIMELINE_TEAMS.map((t) => [t, 0])) as Record<TimelineTeam, number>;
  for (const c of counted) counts[c.team] = c.n;
  return {
    data: page,
    next_cursor:
      rows.length > limit && last
        ? Buffer.from(JSON.stringify({ at: last.at, id: last.id })).toString("base64url")
        : null,
    counts,
  };
}
