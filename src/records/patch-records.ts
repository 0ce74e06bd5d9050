import { z } from "zod";
import type { Db } from "../db/types.ts";
import { AppError, type ErrorDetail } from "../errors/app-error.ts";
import type { ObjectDef } from "../model/object-def.ts";
import type { Actor } from "./actor.ts";
import { mapDbError } from "./db-errors.ts";
import type { Row } from "./hooks.ts";
import { type Change, journal } from "./journal.ts";
import { patchSchema, validate } from "./record-schema.ts";
import { toApi, updateRow } from "./write-record.ts";

export const MAX_PATCH_MANY = 500;

const bodySchema = z
  .object({
    changes: z
      .array(
        z
          .object({
            id: z.string().min(1).max(100),
            version: z.number().int().min(1),
            fields: z.record(z.string(), z.unknown()),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_PATCH_MANY),
  })
  .strict();

function invalidRows(details: ErrorDetail[]): AppError {
  const message = details
    .slice(0, 5)
    .map((d) => `change ${d.row}: ${d.message}`)
    .join("; ");
  return new AppError(details[0].code === "unknown_field" ? "unknown_field" : "validation_failed", message, {
    field: details[0].field,
    details,
  });
}

/**
 * Changes many records of one object at once, all or nothing, in one transaction: each change
 * names the version it was made against. Invalid values answer 422 naming the change (`row`)
 * and field; stale versions answer 409 listing every stale record with its stored values.
 */
export async function patchRecords(
  db: Db,
  actor: Actor,
  def: ObjectDef,
  input: unknown,
): Promise<{ data: Row[] }> {
  const { changes } = validate(bodySchema, input) as z.infer<typeof bodySchema>;
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  const patches = changes.map((change, row) => {
    if (seen.has(change.id))
      details.push({ row, field: "id", code: "duplicate", message: `id: ${change.id} is changed twice` });
    seen.add(change.id);
    try {
      return validate(patchSchema(def), change.fields, row);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      details.push(...(error.details ?? [{ row, message: error.message }]));
      return {};
    }
  });
  if (details.length > 0) throw invalidRows(details);

  try {
    return await db.transaction().execute(async (tx) => {
      const ids = changes.map((c) => c.id);
      const stored = (await tx
        .selectFrom(def.key)
        .selectAll()
        .where("workspace_id", "=", actor.workspaceId)
        .where("id", "in", ids)
        .orderBy("id")
        .forUpdate()
        .execute()) as Row[];
      const byId = new Map(stored.map((r) => [r.id as string, r]));
      const missing = changes.flatMap((c, row) =>
        byId.has(c.id)
          ? []
          : [{ row, field: "id", message: `id: no ${def.singular} ${c.id} in this workspace` }],
      );
      if (missing.length > 0)
        throw new AppError("not_found", missing.map((m) => m.message).join("; "), {
          field: "id",
          details: missing,
        });
      const stale = changes.filter((c) => byId.get(c.id)!.version !== c.version);
      if (stale.length > 0) {
        throw new AppError(
          "version_conflict",
          `version: ${stale.length} of the records changed since they were read; someone else saved them first`,
          {
            field: "version",
            extra: {
              stale: stale.map((c) => ({
                id: c.id,
                version: c.version,
                current_version: byId.get(c.id)!.version,
                current: toApi(def, byId.get(c.id)!),
              })),
            },
          },
        );
      }
      const journalled: Change[] = [];
      const saved: Row[] = [];
      for (const [row, change] of changes.entries()) {
        const { version: _v, ...patch } = patches[row];
        try {
          const [after, entry] = await updateRow(tx, actor, def, byId.get(change.id)!, patch);
          if (entry) journalled.push(entry);
          saved.push(toApi(def, after));
        } catch (error) {
          const mapped = mapDbError(error);
          if (mapped instanceof AppError)
            throw new AppError(mapped.code, `change ${row}: ${mapped.message}`, {
              field: mapped.field,
              details: [{ row, field: mapped.field, message: mapped.message }],
            });
          throw mapped;
        }
      }
      await journal(tx, actor, journalled);
      return { data: saved };
    });
  } catch (error) {
    throw mapDbError(error);
  }
}
