import { setImmediate } from "node:timers/promises";
import { sql } from "kysely";
import { AppError } from "../../errors/app-error.ts";
import { newId } from "../../model/ids.ts";
import type { ObjectDef } from "../../model/object-def.ts";
import { OBJECTS } from "../../model/registry.ts";
import {
  deriveFields,
  historyRows,
  mapDbError,
  type Row,
  sameJson,
  sameValue,
  toApi,
} from "../../records/index.ts";
import type { RecordRef } from "../ingest.types.ts";
import { mergeRecord } from "./merge-record.ts";
import {
  clearPendingFields,
  type PendingField,
  savePendingFields,
  saveWaitingRecords,
  takeArrivals,
} from "./pending-references.ts";
import { applyDefaults, roundsOf, validateRecord } from "./record-rules.ts";
import { refKey, resolveReferences } from "./resolve-references.ts";
import { insertJsonRows, tableColumns, textArray, updateJsonRows } from "./sql-helpers.ts";
import { keyOf, type RecordInput, reject, touch, type WriteContext } from "./write-context.ts";

/** Another writer inserted one of the batch's keys first: the batch is run again. */
export class ConcurrentWriteError extends Error {}

const MAX_WAIT_DEPTH = 8;
/** Records planned between two yields to the event loop. */
const PLAN_SLICE = 250;

/** Writes mapped records, parents first, set-based within each object (see docs/imports.md). */
export async function writeRecords(ctx: WriteContext, inputs: RecordInput[]): Promise<void> {
  const byObject = new Map<string, RecordInput[]>();
  for (const input of inputs) {
    const list = byObject.get(input.record.object);
    if (list) list.push(input);
    else byObject.set(input.record.object, [input]);
  }
  for (const def of OBJECTS) {
    const group = byObject.get(def.key);
    if (!group) continue;
    const { rounds, repeats } = roundsOf(group);
    ctx.counts.unchanged += repeats;
    for (const round of rounds) {
      if (!ctx.oneByOne) await writeRound(ctx, def, round);
      else for (const input of round) await writeAlone(ctx, def, input);
    }
  }
}

/** One record in a savepoint: a database error rejects this record only. */
async function writeAlone(ctx: WriteContext, def: ObjectDef, input: RecordInput): Promise<void> {
  const counts = { ...ctx.counts };
  const rejected = ctx.rejections.length;
  const touched = new Map(
    [...ctx.touched].map(([k, v]) => [k, { created: [...v.created], updated: [...v.updated] }]),
  );
  await sql`savepoint one_record`.execute(ctx.tx);
  try {
    await writeRound(ctx, def, [input]);
    await sql`release savepoint one_record`.execute(ctx.tx);
  } catch (error) {
    await sql`rollback to savepoint one_record`.execute(ctx.tx);
    if (error instanceof ConcurrentWriteError) throw error;
    const mapped = mapDbError(error);
    if (!(mapped instanceof AppError)) throw error;
    Object.assign(ctx.counts, counts);
    ctx.rejections.length = rejected;
    ctx.touched = touched;
    reject(ctx, input, [{ field: mapped.field, message: mapped.message }]);
  }
}

async function findExisting(
  ctx: WriteContext,
  def: ObjectDef,
  inputs: RecordInput[],
): Promise<Map<string, Row>> {
  const bySource = new Map<string, string[]>();
  const ids: string[] = [];
  for (const { record } of inputs) {
    if (record.externalId === null) ids.push(record.id!);
    else {
      const keys = bySource.get(record.source);
      if (keys) keys.push(record.externalId);
      else bySource.set(record.source, [record.externalId]);
    }
  }
  const found = new Map<string, Row>();
  const table = sql.table(def.key);
  const lock = ctx.singleConnection ? sql`` : sql`for update`;
  for (const [source, keys] of bySource) {
    const { rows } = await sql<Row>`select * from ${table} where workspace_id = ${ctx.workspaceId}
      and source = ${source} and external_id = any(${textArray(keys)}) ${lock}`.execute(ctx.tx);
    for (const row of rows) found.set(`x\u0000${source}\u0000${row.external_id}`, row);
    // A record merged away (src/quality/merge) left its (source, external id) as an alias of the survivor.
    const merged = keys.filter((key) => !found.has(`x\u0000${source}\u0000${key}`));
    if (merged.length > 0) {
      const aliased = await sql<Row>`select t.*, a.external_id as alias_key from record_aliases a
          join ${table} t on t.workspace_id = a.workspace_id and t.id = a.record_id
        where a.workspace_id = ${ctx.workspaceId} and a.object = ${def.key} and a.source = ${source}
          and a.external_id = any(${textArray(merged)}) ${lock}`.execute(ctx.tx);
      for (const { alias_key, ...row } of aliased.rows) found.set(`x\u0000${source}\u0000${alias_key}`, row);
    }
  }
  if (ids.length > 0) {
    const { rows } = await sql<Row>`select * from ${table} where workspace_id = ${ctx.workspaceId}
      and id = any(${textArray(ids)}) ${lock}`.execute(ctx.tx);
    for (const row of rows) found.set(`i\u0000${row.id}`, row);
  }
  return found;
}

interface Plan {
  inserts: Row[];
  updates: Array<{ next: Row; diff: string[] }>;
  provenance: Row[];
  history: Map<string, Row[]>;
  pending: PendingField[];
  waiting: Array<{ input: RecordInput; ref: RecordRef }>;
  settled: Map<string, string[]>;
}

function addHistory(
  ctx: WriteContext,
  plan: Plan,
  def: ObjectDef,
  input: RecordInput,
  before: Row | null,
  after: Row,
) {
  for (const h of historyRows(ctx.actor, def.key, before, after, input.record.stageDates)) {
    const rows = plan.history.get(h.table) ?? [];
    rows.push({ id: newId(h.prefix), ...h.row });
    plan.history.set(h.table, rows);
  }
}

/** Plans one record: create, update, provenance only, wait for a reference, or reject. */
function planRecord(
  ctx: WriteContext,
  def: ObjectDef,
  plan: Plan,
  input: RecordInput,
  before: Row | null,
  refs: Map<string, string>,
  columns: Awaited<ReturnType<typeof tableColumns>>,
) {
  const r = input.record;
  const fields: Row = { ...r.fields };
  const unresolved: RecordRef[] = [];
  let missing: RecordRef | null = null;
  for (const ref of r.refs) {
    const id = refs.get(refKey(ref));
    if (id) fields[ref.field] = id;
    else if (def.fields[ref.field]?.required && !before?.[ref.field]) missing ??= ref;
    else {
      unresolved.push(ref);
      if (!before) fields[ref.field] = null;
    }
  }
  if (missing) {
    plan.waiting.push({ input, ref: missing });
    ctx.counts.deferred++;
    return;
  }
  const checked = validateRecord(def, fields, before, r.columns);
  if ("problems" in checked) return reject(ctx, input, checked.problems);
  if (!before) {
    // Object.assign rather than `{ ...data, id, … }`: V8 (Node 20) builds a spread followed by
    // more keys ~10× slower, and every later write to that row is slow too (1.3 s per 200k rows).
    const row: Row = Object.assign({}, checked.data);
    row.id = r.id ?? newId(def.idPrefix);
    row.source = r.source;
    row.external_id = r.externalId;
    row.raw = input.raw;
    applyDefaults(row, columns, ctx.now);
    deriveFields(def.key, row, null);
    plan.inserts.push(row);
    addHistory(ctx, plan, def, input, null, row);
    for (const ref of unresolved) plan.pending.push({ object: def.key, recordId: row.id, ref });
    ctx.counts.created++;
    touch(ctx, def.key, "created", row.id);
    ctx.changes?.push({
      action: "created",
      object: def.key,
      singular: def.singular,
      recordId: row.id,
      before: null,
      after: toApi(def, row),
    });
    return;
  }
  const merge = mergeRecord(def, before, checked.data, r.source, ctx.priority, ctx.now);
  const next: Row = { ...before, ...merge.patch };
  deriveFields(def.key, next, before);
  const diff = Object.keys(def.fields).filter((f) => !sameValue(def.fields[f], before[f], next[f]));
  const raw = input.raw ?? before.raw ?? null;
  for (const ref of r.refs) {
    if (unresolved.includes(ref)) continue;
    const ids = plan.settled.get(ref.field);
    if (ids) ids.push(before.id);
    else plan.settled.set(ref.field, [before.id]);
  }
  for (const ref of unresolved) plan.pending.push({ object: def.key, recordId: before.id, ref });
  if (diff.length > 0) {
    next.field_sources = merge.fieldSources;
    next.raw = raw;
    next.updated_at = ctx.now;
    plan.updates.push({ next, diff });
    addHistory(ctx, plan, def, input, before, next);
    ctx.counts.updated++;
    touch(ctx, def.key, "updated", before.id);
    ctx.changes?.push({
      action: "updated",
      object: def.key,
      singular: def.singular,
      recordId: before.id,
      before: toApi(def, before),
      after: toApi(def, { ...next, version: before.version + 1 }),
    });
    return;
  }
  if (merge.sourcesChanged || !sameJson(before.raw ?? null, raw))
    plan.provenance.push({ id: before.id, raw, field_sources: merge.fieldSources });
  ctx.counts.unchanged++;
}

async function writeRound(ctx: WriteContext, def: ObjectDef, inputs: RecordInput[]): Promise<void> {
  const refs = await resolveReferences(ctx, inputs);
  const existing = await findExisting(ctx, def, inputs);
  const columns = await tableColumns(ctx.tx, def.key);
  const plan: Plan = {
    inserts: [],
    updates: [],
    provenance: [],
    history: new Map(),
    pending: [],
    waiting: [],
    settled: new Map(),
  };
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    planRecord(ctx, def, plan, input, existing.get(keyOf(input.record)) ?? null, refs, columns);
    // Lets the previous batch's statements go on while this one plans (see runImport).
    if (i % PLAN_SLICE === PLAN_SLICE - 1) await setImmediate();
  }

  const inserted = await insertJsonRows(ctx.tx, def.key, ctx.workspaceId, plan.inserts, true);
  if (inserted.length < plan.inserts.length)
    throw new ConcurrentWriteError(`${def.key}: a key was written concurrently`);
  if (plan.updates.length > 0) {
    const changed = new Set<string>(["raw", "field_sources", "updated_at"]);
    for (const u of plan.updates) for (const f of u.diff) changed.add(f);
    const list = [...changed];
    const rows = plan.updates.map((u) =>
      Object.fromEntries([["id", u.next.id], ...list.map((c) => [c, u.next[c] ?? null])]),
    );
    await updateJsonRows(ctx.tx, def.key, ctx.workspaceId, list, rows, true);
  }
  await updateJsonRows(ctx.tx, def.key, ctx.workspaceId, ["raw", "field_sources"], plan.provenance, false);
  for (const [table, rows] of plan.history) await insertJsonRows(ctx.tx, table, ctx.workspaceId, rows, false);
  for (const [field, ids] of plan.settled) await clearPendingFields(ctx, def.key, field, ids);
  await savePendingFields(ctx, plan.pending);
  await saveWaitingRecords(ctx, plan.waiting);

  const arrived = plan.inserts.map((row) => ({
    id: row.id as string,
    source: row.source as string,
    externalId: row.external_id as string | null,
  }));
  const waiting = await takeArrivals(ctx, def.key, arrived);
  if (waiting.length > 0 && ctx.depth < MAX_WAIT_DEPTH) {
    ctx.depth++;
    ctx.counts.resolved += waiting.length;
    await writeRecords(ctx, waiting);
    ctx.depth--;
  }
}
