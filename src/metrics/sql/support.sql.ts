import { sql } from "kysely";
import type { Db } from "../../db/types.ts";
import { type EventQuery, eventCore } from "./events.sql.ts";
import type { CoreRow, Scope } from "./scope.ts";

const TICKETS = sql`from tickets t left join accounts a on a.workspace_id = t.workspace_id and a.id = t.account_id`;

export function ticketsOpenedQuery(scope: Scope): EventQuery {
  return {
    entity: "ticket",
    from: TICKETS,
    at: sql`t.opened_at`,
    where: sql`t.workspace_id = ${scope.ws.id}`,
    select: sql`count(*) as tickets_opened`,
  };
}

export function ticketsSolvedQuery(scope: Scope): EventQuery {
  return {
    entity: "ticket",
    from: TICKETS,
    at: sql`t.solved_at`,
    where: sql`t.workspace_id = ${scope.ws.id} and t.solved_at is not null`,
    select: sql`count(*) as tickets_solved,
      coalesce(sum(extract(epoch from t.solved_at - t.opened_at) / 3600), 0) as resolution_hours_sum`,
  };
}

export async function ticketsCore(db: Db, scope: Scope): Promise<CoreRow[]> {
  const [opened, solved] = [
    await eventCore(db, scope, ticketsOpenedQuery(scope)),
    await eventCore(db, scope, ticketsSolvedQuery(scope)),
  ];
  return [...opened, ...solved];
}
