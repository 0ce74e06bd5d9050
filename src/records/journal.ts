import { sql } from "kysely";
import type { Tx } from "../db/types.ts";
import type { Actor } from "./actor.ts";

export interface Change {
  action: "created" | "updated" | "deleted" | string;
  object: string;
  singular: string;
  recordId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * Writes the audit entries and outbox events of a set of changes, inside the caller's
 * transaction: either the change, its audit entry and its event are all stored, or none is.
 */
export async function journal(tx: Tx, actor: Actor, changes: Change[]): Promise<void> {
  if (changes.length === 0) return;
  const audit = changes.map((c) => ({
    workspace_id: actor.workspaceId,
    actor_type: actor.type,
    actor_id: actor.id,
    action: c.action,
    object: c.object,
    record_id: c.recordId,
    before: c.before,
    after: c.after,
  }));
  const events = changes.map((c) => ({
    workspace_id: actor.workspaceId,
    type: `${c.singular}.${c.action}`,
    object: c.object,
    record_id: c.recordId,
    payload: { id: c.recordId, actor: { type: actor.type, id: actor.id }, before: c.before, after: c.after },
  }));
  await sql`insert into audit_log (workspace_id, actor_type, actor_id, action, object, record_id, before, after)
    select workspace_id, actor_type, actor_id, action, object, record_id, before, after
    from jsonb_to_recordset(${JSON.stringify(audit)}::jsonb)
      as x(workspace_id text, actor_type text, actor_id text, action text, object text, record_id text, before jsonb, after jsonb)`.execute(
    tx,
  );
  await sql`insert into outbox_events (workspace_id, type, object, record_id, payload)
    select workspace_id, type, object, record_id, payload
    from jsonb_to_recordset(${JSON.stringify(events)}::jsonb)
      as x(workspace_id text, type text, object text, record_id text, payload jsonb)`.execute(tx);
}
