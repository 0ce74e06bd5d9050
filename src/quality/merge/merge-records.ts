import { sql } from "kysely";
import { z } from "zod";
import type { Db, Tx } from "../../db/types.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { getSourcePriority } from "../../ingest/index.ts";
import { newId } from "../../model/ids.ts";
import type { ObjectDef } from "../../model/object-def.ts";
import { objectDef } from "../../model/registry.ts";
import {
  type Actor,
  type Change,
  deleteRow,
  inTransaction,
  journal,
  type Row,
  toApi,
  updateRow,
  validate,
} from "../../records/index.ts";
import { historyRowsAddedBy } from "./history-rows.ts";
import { moveAliases } from "./record-aliases.ts";
import { repointReferences } from "./repoint-references.ts";
import { chooseSurvivingValues, type FieldChoice, mergeableFields } from "./survivorship.ts";
import { createTouchedRows, rememberUpdate, type TouchedRows } from "./touched-rows.ts";

export const MERGE_OBJECTS = ["contacts", "accounts"] as const;
const MAX_MERGED = 50;

export const mergeInputSchema = z
  .object({
    survivor_id: z.string().min(1).max(100),
    merged_ids: z.array(z.string().min(1).max(100)).min(1).max(MAX_MERGED),
    /** Field → id of the record whose value the survivor keeps. */
    fields: z.record(z.string(), z.string().min(1).max(100)).optional(),
    /** Record id → the version the user saw; a record saved since answers 409. */
    versions: z.record(z.string(), z.number().int()).optional(),
  })
  .strict();
export type MergeInput = z.infer<typeof mergeInputSchema>;

export interface MergeResult {
  merge_id: string;
  object: string;
  survivor: Row;
  merged_ids: string[];
  field_choices: FieldChoice[];
  /** Re-pointed rows per `object.field`. */
  repointed: Record<string, number>;
}

async function lockRecords(tx: Tx, actor: Actor, def: ObjectDef, ids: string[]): Promise<Map<string, Row>> {
  const { rows } = await sql<Row>`select * from ${sql.table(def.key)}
    where workspace_id = ${actor.workspaceId} and id = any(${sql.val(ids)}::text[])
    order by id for update`.execute(tx);
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  for (const id of ids) if (!byId.has(id)) throw notFound(def.singular, id);
  return byId;
}

function checkInput(def: ObjectDef, input: MergeInput, ids: string[]): void {
  if (new Set(ids).size !== ids.length) {
    throw new AppError("validation_failed", "merged_ids: must be distinct and must not include survivor_id", {
      field: "merged_ids",
    });
  }
  const mergeable = new Set(mergeableFields(def));
  for (const [field, recordId] of Object.entries(input.fields ?? {})) {
    if (!mergeable.has(field))
      throw new AppError("validation_failed", `fields.${field}: not a field a merge can choose`, {
        field: `fields.${field}`,
      });
    if (!ids.includes(recordId))
      throw new AppError(
        "validation_failed",
        `fields.${field}: ${recordId} is not one of the merged records`,
        {
          field: `fields.${field}`,
        },
      );
  }
}

function checkVersions(def: ObjectDef, records: Map<string, Row>, versions: Record<string, number>): void {
  for (const [id, version] of Object.entries(versions)) {
    const current = records.get(id);
    if (current && current.version !== version) {
      throw new AppError(
        "version_conflict",
        `${def.singular} ${id} is at version ${current.version}, not ${version}: someone saved it since you looked; review the merge again`,
        { field: "versions", extra: { id, current_version: current.version, current: toApi(def, current) } },
      );
    }
  }
}

/** Updates the survivor once per source of the values it takes, so each keeps its provenance. */
async function updateSurvivor(
  tx: Tx,
  actor: Actor,
  def: ObjectDef,
  survivor: Row,
  patch: Row,
  choices: FieldChoice[],
  touched: TouchedRows,
): Promise<Row> {
  const bySource = new Map<string, Row>();
  for (const [field, value] of Object.entries(patch)) {
    const source = choices.find((c) => c.field === field)?.source ?? "revline";
    bySource.set(source, { ...(bySource.get(source) ?? {}), [field]: value });
  }
  let current = survivor;
  for (const [source, fields] of bySource) {
    const [after, change] = await updateRow(tx, actor, def, current, fields, source);
    if (!change) continue;
    rememberUpdate(touched, def.key, survivor, after);
    touched.changes.push(change);
    current = after;
  }
  return current;
}

/** References of the survivor to itself or to a merged record would dangle or loop: cleared. */
function clearSelfReferences(def: ObjectDef, survivor: Row, patch: Row, ids: string[]): void {
  for (const [field, f] of Object.entries(def.fields)) {
    const value = field in patch ? patch[field] : survivor[field];
    if (f.kind === "ref" && f.ref === def.key && value != null && ids.includes(value)) patch[field] = null;
  }
}

/**
 * Merges records of one object into a survivor, in one transaction: lock them (an edit
 * committed before sees its value considered; one after waits), refuse stale `versions`,
 * choose each field's surviving value, re-point every referencing row, update the survivor,
 * keep the merged records' (source, external id) as aliases of the survivor, delete them,
 * and store the merge with the full prior state of every row touched, for undo.
 */
export async function mergeRecords(
  db: Db,
  actor: Actor,
  object: string,
  rawInput: unknown,
  options: { clusterId?: string; automatic?: boolean } = {},
): Promise<MergeResult> {
  if (!(MERGE_OBJECTS as readonly string[]).includes(object))
    throw new AppError("validation_failed", `object: must be one of ${MERGE_OBJECTS.join(", ")}`, {
      field: "object",
    });
  const def = objectDef(object);
  const input = validate(mergeInputSchema, rawInput) as MergeInput;
  const ids = [input.survivor_id, ...input.merged_ids];
  checkInput(def, input, ids);
  return inTransaction(db, "write", async (tx) => {
    const records = await lockRecords(tx, actor, def, ids);
    checkVersions(def, records, input.versions ?? {});
    const priority = await getSourcePriority(tx, actor.workspaceId);
    const { patch, choices } = chooseSurvivingValues(
      def,
      ids.map((id) => records.get(id)!),
      input.survivor_id,
      input.fields ?? {},
      priority,
    );
    const survivorBefore = records.get(input.survivor_id)!;
    clearSelfReferences(def, survivorBefore, patch, ids);
    const touched = createTouchedRows();
    const repointed = await repointReferences(tx, actor, def, input.survivor_id, input.merged_ids, touched);
    const survivor = await updateSurvivor(tx, actor, def, survivorBefore, patch, choices, touched);
    const mergeId = newId("mrg");
    await moveAliases(
      tx,
      actor.workspaceId,
      def.key,
      input.survivor_id,
      input.merged_ids,
      mergeId,
      records,
      touched,
    );
    for (const id of input.merged_ids) {
      touched.prior.push({ object: def.key, id, action: "deleted", row: records.get(id)! });
      touched.changes.push(await deleteRow(tx, actor, def, id));
    }
    const created = await historyRowsAddedBy(tx, actor.workspaceId, touched);
    await sql`insert into merges (workspace_id, id, object, survivor_id, merged_ids, cluster_id, field_choices,
        prior_rows, after_versions, created_rows, automatic, merged_by)
      values (${actor.workspaceId}, ${mergeId}, ${def.key}, ${input.survivor_id}, ${JSON.stringify(input.merged_ids)}::jsonb,
        ${options.clusterId ?? null}, ${JSON.stringify(choices)}::jsonb, ${JSON.stringify(touched.prior)}::jsonb,
        ${JSON.stringify(touched.afterVersions)}::jsonb, ${JSON.stringify(created)}::jsonb,
        ${options.automatic ?? false}, ${actor.id})`.execute(tx);
    if (options.clusterId) {
      await sql`update dedupe_clusters set status = 'merged', merge_id = ${mergeId}, updated_at = now()
        where workspace_id = ${actor.workspaceId} and id = ${options.clusterId}`.execute(tx);
    }
    const mergeChange: Change = {
      action: "merged",
      object: def.key,
      singular: def.singular,
      recordId: input.survivor_id,
      before: { merged_ids: input.merged_ids },
      after: { merge_id: mergeId, survivor_id: input.survivor_id, merged_ids: input.merged_ids, repointed },
    };
    await journal(tx, actor, [...touched.changes, mergeChange]);
    return {
      merge_id: mergeId,
      object: def.key,
      survivor: toApi(def, survivor),
      merged_ids: input.merged_ids,
      field_choices: choices,
      repointed,
    };
  });
}
