import { sql } from "kysely";
import { objectDef } from "../../model/registry.ts";
import type { MappedRecord, RecordRef } from "../ingest.types.ts";
import { textArray, toJson } from "./sql-helpers.ts";
import type { RecordInput, WriteContext } from "./write-context.ts";

/** An optional reference left empty until its target arrives. */
export interface PendingField {
  object: string;
  recordId: string;
  ref: RecordRef;
}

const recordKey = (r: MappedRecord): string => r.externalId ?? `id:${r.id}`;

export async function savePendingFields(ctx: WriteContext, entries: PendingField[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({
    object: e.object,
    record_id: e.recordId,
    field: e.ref.field,
    target_object: e.ref.object,
    target_source: e.ref.source,
    target_key: e.ref.key,
    import_id: ctx.importId,
  }));
  await sql`insert into pending_references (workspace_id, object, record_id, field, target_object, target_source, target_key, import_id)
    select ${ctx.workspaceId}, x.object, x.record_id, x.field, x.target_object, x.target_source, x.target_key, x.import_id
    from json_to_recordset(${toJson(rows)}::json) as x(object text, record_id text, field text, target_object text,
      target_source text, target_key text, import_id text)
    on conflict (workspace_id, object, record_id, field) where record_id is not null do update
      set target_object = excluded.target_object, target_source = excluded.target_source,
        target_key = excluded.target_key, import_id = excluded.import_id
      where (pending_references.target_object, pending_references.target_source, pending_references.target_key)
        is distinct from (excluded.target_object, excluded.target_source, excluded.target_key)`.execute(
    ctx.tx,
  );
}

/** Drops waits that a newer row made moot (the reference now points at a record that exists). */
export async function clearPendingFields(
  ctx: WriteContext,
  object: string,
  field: string,
  recordIds: string[],
): Promise<void> {
  if (recordIds.length === 0) return;
  await sql`delete from pending_references where workspace_id = ${ctx.workspaceId} and object = ${object}
    and field = ${field} and record_id = any(${textArray(recordIds)})`.execute(ctx.tx);
}

/** A record that cannot exist without a reference that has not arrived: it waits whole. */
export async function saveWaitingRecords(
  ctx: WriteContext,
  entries: Array<{ input: RecordInput; ref: RecordRef }>,
): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map(({ input, ref }) => ({
    object: input.record.object,
    field: ref.field,
    target_object: ref.object,
    target_source: ref.source,
    target_key: ref.key,
    record_source: input.record.source,
    record_external_id: recordKey(input.record),
    record: { record: input.record, rowNumber: input.rowNumber, raw: input.raw },
    import_id: input.importId,
  }));
  await sql`insert into pending_references (workspace_id, object, field, target_object, target_source, target_key,
      record_source, record_external_id, record, import_id)
    select ${ctx.workspaceId}, x.object, x.field, x.target_object, x.target_source, x.target_key, x.record_source,
      x.record_external_id, x.record, x.import_id
    from json_to_recordset(${toJson(rows)}::json) as x(object text, field text, target_object text, target_source text,
      target_key text, record_source text, record_external_id text, record jsonb, import_id text)
    on conflict (workspace_id, object, record_source, record_external_id) where record is not null do update
      set field = excluded.field, target_object = excluded.target_object, target_source = excluded.target_source,
        target_key = excluded.target_key, record = excluded.record
      where (pending_references.field, pending_references.target_object, pending_references.target_source,
        pending_references.target_key, pending_references.record)
        is distinct from (excluded.field, excluded.target_object, excluded.target_source, excluded.target_key, excluded.record)`.execute(
    ctx.tx,
  );
}

interface Arrived {
  id: string;
  source: string;
  externalId: string | null;
}

/**
 * Takes every wait that the records just created satisfy: fills the optional references
 * (set-based, one update per object and field) and returns the waiting records, now writable.
 */
export async function takeArrivals(
  ctx: WriteContext,
  object: string,
  arrived: Arrived[],
): Promise<RecordInput[]> {
  if (arrived.length === 0) return [];
  const any = await sql`select 1 from pending_references where workspace_id = ${ctx.workspaceId}
    and target_object = ${object} limit 1`.execute(ctx.tx);
  if (any.rows.length === 0) return [];
  const byKey = new Map<string, string>();
  const bySource = new Map<string, string[]>();
  for (const a of arrived) {
    byKey.set(`\u0000${a.id}`, a.id);
    if (a.externalId === null) continue;
    byKey.set(`${a.source}\u0000${a.externalId}`, a.id);
    const keys = bySource.get(a.source);
    if (keys) keys.push(a.externalId);
    else bySource.set(a.source, [a.externalId]);
  }
  type Taken = {
    object: string;
    record_id: string | null;
    field: string;
    target_source: string | null;
    target_key: string;
    record: any;
    import_id: string | null;
  };
  const taken: Taken[] = [];
  const ids = arrived.map((a) => a.id);
  const { rows } = await sql<Taken>`delete from pending_references where workspace_id = ${ctx.workspaceId}
    and target_object = ${object} and target_source is null and target_key = any(${textArray(ids)})
    returning object, record_id, field, target_source, target_key, record, import_id`.execute(ctx.tx);
  taken.push(...rows);
  for (const [source, keys] of bySource) {
    const result = await sql<Taken>`delete from pending_references where workspace_id = ${ctx.workspaceId}
      and target_object = ${object} and target_source = ${source} and target_key = any(${textArray(keys)})
      returning object, record_id, field, target_source, target_key, record, import_id`.execute(ctx.tx);
    taken.push(...result.rows);
  }
  const fills = new Map<string, Array<{ record_id: string; target_id: string }>>();
  const waiting: RecordInput[] = [];
  for (const t of taken) {
    const targetId = byKey.get(`${t.target_source ?? ""}\u0000${t.target_key}`)!;
    if (t.record) {
      waiting.push({
        record: t.record.record,
        rowNumber: t.record.rowNumber,
        raw: t.record.raw,
        importId: t.import_id,
      });
      continue;
    }
    const group = `${t.object}\u0000${t.field}`;
    const list = fills.get(group);
    if (list) list.push({ record_id: t.record_id!, target_id: targetId });
    else fills.set(group, [{ record_id: t.record_id!, target_id: targetId }]);
  }
  for (const [group, rows] of fills) {
    const [table, field] = group.split("\u0000");
    await sql`update ${sql.table(objectDef(table).key)} as t set ${sql.ref(field)} = x.target_id,
        version = t.version + 1, updated_at = ${ctx.now}
      from json_to_recordset(${toJson(rows)}::json) as x(record_id text, target_id text)
      where t.workspace_id = ${ctx.workspaceId} and t.id = x.record_id`.execute(ctx.tx);
    ctx.counts.resolved += rows.length;
  }
  return waiting;
}
