import { sql } from "kysely";
import { z } from "zod";
import type { Db, Tx } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { objectDef } from "../../model/registry.ts";
import { type Actor, journal, mapDbError, type Row, validate } from "../../records/index.ts";
import { getSourcePriority } from "../imports/source-priority.queries.ts";
import { emptyCounts, type MappedRecord } from "../ingest.types.ts";
import type { SourcePriority } from "../pipeline/source-priority.ts";
import type { WriteContext } from "../pipeline/write-context.ts";
import { writeRecords } from "../pipeline/write-records.ts";
import { genericPreset } from "../presets/generic.preset.ts";
import { presetByName } from "../presets/presets.ts";
import { deleteBySourceKey } from "./delete-record.ts";
import { verifySignature } from "./signature.ts";
import { isStripeEvent, translateStripeEvent } from "./stripe-events.ts";
import { checkSource, validSecrets } from "./webhook-secrets.ts";

/**
 * An event: a record in the unified model (`object` + `record`, references as
 * `<ref>_external_id`), or a row of a preset's export format (`preset` + `row`).
 */
const eventSchema = z
  .object({
    id: z.string().trim().min(1).max(255),
    type: z.string().max(100).optional(),
    /** `delete`: the source deleted the record keyed by `record.external_id` (or by the preset row's key). */
    action: z.enum(["upsert", "delete"]).optional(),
    object: z.string().optional(),
    record: z.record(z.string(), z.unknown()).optional(),
    preset: z.string().optional(),
    row: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((e) => (e.object && e.record) || (e.preset && e.row), {
    message: "send object and record, or preset and row",
    path: ["record"],
  });

export interface WebhookResult {
  event_id: string;
  duplicate: boolean;
  /** Why an event was taken but not written (a Stripe event type Revline does not read). */
  ignored?: string;
  created: number;
  updated: number;
  unchanged: number;
  deferred: number;
  deleted: number;
  records: Array<{ object: string; id: string; action: string }>;
}

function mapEvent(source: string, event: z.infer<typeof eventSchema>): MappedRecord[] {
  const preset = event.preset ? presetByName(event.preset) : genericPreset({ object: event.object, source });
  if (preset.source !== source)
    throw new AppError(
      "validation_failed",
      `preset: ${preset.name} reads ${preset.source} data, not ${source}`,
      { field: "preset" },
    );
  const mapped = preset.map(event.row ?? event.record ?? {});
  if (mapped.problems.length > 0)
    throw new AppError("validation_failed", mapped.problems.map((p) => p.message).join("; "), {
      field: mapped.problems[0].field,
      details: mapped.problems,
    });
  return mapped.records;
}

/** The (object, source, external id) a delete event names: `record.external_id`, or the preset row's key. */
function deletedKeys(source: string, event: z.infer<typeof eventSchema>): MappedRecord[] {
  if (event.preset) return mapEvent(source, event).slice(0, 1);
  const def = objectDef(event.object!);
  const key = event.record?.external_id;
  if (typeof key !== "string" || key.trim() === "")
    throw new AppError("validation_failed", "record.external_id: is required to delete a record", {
      field: "record.external_id",
    });
  return [{ object: def.key, source, externalId: key.trim(), fields: {}, refs: [] }];
}

/**
 * Receives one signed event: a bad signature or a stale timestamp stores nothing; an event id
 * seen before is answered as a duplicate and writes nothing; otherwise the record goes through
 * the import pipeline (same validation, history, provenance and source priority) and is
 * journalled record by record, all in one transaction.
 */
export async function receiveWebhook(
  db: Db,
  workspaceId: string,
  sourceParam: string,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<WebhookResult> {
  const source = checkSource(sourceParam);
  const secrets = await validSecrets(db, workspaceId, source);
  if (secrets.length === 0)
    throw new AppError("unauthenticated", `No webhook secret for source "${source}" in this workspace`);
  const verdict = verifySignature(signature, rawBody, secrets);
  if (!verdict.ok) throw new AppError("unauthenticated", verdict.reason, { field: "revline-signature" });
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString("utf8"));
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON", { field: "body" });
  }
  // A Stripe event as Stripe sends it: its object as a row of the matching Stripe preset.
  let raw: Row | undefined;
  let ignored: string | undefined;
  if (isStripeEvent(body)) {
    const translated = translateStripeEvent(body);
    raw = body.data.object;
    if ("ignored" in translated) ignored = translated.ignored;
    else body = { id: body.id, type: body.type, ...translated };
  }
  const event = ignored
    ? { id: (body as { id: string }).id, type: (body as { type: string }).type }
    : (validate(eventSchema, body) as z.infer<typeof eventSchema>);
  const seen = await sql<{ result: WebhookResult }>`select result from webhook_events
    where workspace_id = ${workspaceId} and source = ${source} and event_id = ${event.id}`.execute(db);
  if (seen.rows[0]) return { ...seen.rows[0].result, duplicate: true };
  const records = ignored
    ? []
    : event.action === "delete"
      ? deletedKeys(source, event)
      : mapEvent(source, event);
  const priority = await getSourcePriority(db, workspaceId);
  const actor: Actor = { type: "system", id: `webhook:${source}`, workspaceId, role: "admin" };
  try {
    return await db.transaction().execute(async (tx) => {
      const claimed = await sql`insert into webhook_events (workspace_id, source, event_id, type, result)
        values (${workspaceId}, ${source}, ${event.id}, ${event.type ?? null}, '{}'::jsonb)
        on conflict do nothing returning event_id`.execute(tx);
      if (claimed.rows.length === 0) return { ...emptyResult(event.id), duplicate: true };
      const result = ignored
        ? { ...emptyResult(event.id), ignored }
        : event.action === "delete"
          ? await deleteRecords(tx, actor, records, event.id)
          : await upsertRecords(tx, actor, records, priority, event, raw);
      await sql`update webhook_events set result = ${JSON.stringify(result)}::jsonb
        where workspace_id = ${workspaceId} and source = ${source} and event_id = ${event.id}`.execute(tx);
      return result;
    });
  } catch (error) {
    throw mapDbError(error);
  }
}

/** Deletes the records a delete event names (see deleteBySourceKey), journalled. */
async function deleteRecords(
  tx: Tx,
  actor: Actor,
  records: MappedRecord[],
  eventId: string,
): Promise<WebhookResult> {
  const result = emptyResult(eventId);
  const changes = [];
  for (const r of records) {
    const outcome = await deleteBySourceKey(tx, actor, objectDef(r.object), r.source, r.externalId!);
    if (outcome.change) changes.push(outcome.change);
    if (outcome.action === "deleted") result.deleted++;
    if (outcome.recordId)
      result.records.push({ object: r.object, id: outcome.recordId, action: outcome.action });
  }
  await journal(tx, actor, changes);
  return result;
}

/** Writes an event's records through the import pipeline, journalled record by record. */
async function upsertRecords(
  tx: Tx,
  actor: Actor,
  records: MappedRecord[],
  priority: SourcePriority,
  event: z.infer<typeof eventSchema>,
  /** The record's raw provenance when it is not the event's own row (a Stripe event's object). */
  raw?: Row,
): Promise<WebhookResult> {
  const ctx: WriteContext = {
    tx,
    actor,
    workspaceId: actor.workspaceId,
    importId: null,
    priority,
    now: new Date().toISOString(),
    counts: emptyCounts(),
    rejections: [],
    touched: new Map(),
    changes: [],
    oneByOne: false,
    depth: 0,
  };
  await writeRecords(
    ctx,
    records.map((record) => ({
      record,
      rowNumber: 1,
      raw: raw ?? ((event.record ?? event.row) as Row),
      importId: null,
    })),
  );
  if (ctx.rejections.length > 0) {
    const problems = ctx.rejections.flatMap((r) => r.problems);
    throw new AppError("validation_failed", problems.map((p) => p.message).join("; "), {
      field: problems[0]?.field,
      details: problems,
    });
  }
  await journal(tx, actor, ctx.changes ?? []);
  return {
    ...emptyResult(event.id),
    created: ctx.counts.created,
    updated: ctx.counts.updated,
    unchanged: ctx.counts.unchanged,
    deferred: ctx.counts.deferred,
    records: (ctx.changes ?? []).map((c) => ({ object: c.object, id: c.recordId, action: c.action })),
  };
}

const emptyResult = (eventId: string): WebhookResult => ({
  event_id: eventId,
  duplicate: false,
  created: 0,
  updated: 0,
  unchanged: 0,
  deferred: 0,
  deleted: 0,
  records: [],
});
