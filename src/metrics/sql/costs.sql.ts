import { sql } from "kysely";
import type { Db } from "../../db/types.ts";
import { type EventQuery, eventCore } from "./events.sql.ts";
import type { Scope } from "./scope.ts";

/** Costs by the date incurred, converted on that date: marketing spend and CAC spend (settings). */
export function costsQuery(scope: Scope): EventQuery {
  const s = scope.ws.settings;
  return {
    entity: "cost",
    from: sql`from costs c`,
    at: sql`c.incurred_on`,
    isDate: true,
    currency: sql`c.currency`,
    where: sql`c.workspace_id = ${scope.ws.id}`,
    select: sql`coalesce(sum(c.amount_minor * f.factor) filter (where c.category in (${sql.join(s.marketing_cost_categories)})), 0) as marketing_spend,
      coalesce(sum(c.amount_minor * f.factor) filter (where c.category in (${sql.join(s.cac_cost_categories)})), 0) as cac_spend`,
  };
}

export const costsCore = (db: Db, scope: Scope) => eventCore(db, scope, costsQuery(scope));

/** Succeeded payments by attempt time, less succeeded refunds by refund time (cash collected). */
export function collectedQuery(scope: Scope): EventQuery {
  return {
    entity: "account",
    from: sql`from (
        select p.workspace_id, p.account_id, p.attempted_at as at, p.amount_minor, p.currency, 'payment' as kind, p.id
        from payments p where p.workspace_id = ${scope.ws.id} and p.status = 'succeeded'
        union all
        select r.workspace_id, coalesce(r.account_id, p.account_id), r.refunded_at, -r.amount_minor, r.currency, 'refund', r.id
        from refunds r join payments p on p.workspace_id = r.workspace_id and p.id = r.payment_id
        where r.workspace_id = ${scope.ws.id} and r.status = 'succeeded'
      ) m
      join accounts a on a.workspace_id = m.workspace_id and a.id = m.account_id`,
    at: sql`m.at`,
    currency: sql`m.currency`,
    where: sql`true`,
    select: sql`coalesce(sum(m.amount_minor * f.factor) filter (where m.kind = 'payment'), 0) as payments_amount,
      coalesce(-sum(m.amount_minor * f.factor) filter (where m.kind = 'refund'), 0) as refunds_amount`,
  };
}

export const collectedCore = (db: Db, scope: Scope) => eventCore(db, scope, collectedQuery(scope));
