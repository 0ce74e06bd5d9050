import type { Db, Tx } from "../db/types.ts";
import { AppError, notFound } from "../errors/app-error.ts";
import type { ObjectDef } from "../model/object-def.ts";
import type { Actor } from "./actor.ts";
import { mapDbError } from "./db-errors.ts";
import type { Row } from "./hooks.ts";
import { journal } from "./journal.ts";
import { createSchema, patchSchema, validate } from "./record-schema.ts";
import { deleteRow, findRow, insertRow, toApi, updateRow } from "./write-record.ts";

/** Runs one logical change in one transaction; database constraint errors come back named. */
export async function inTransaction<T>(
  db: Db,
  action: "write" | "delete",
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction().execute(work);
  } catch (error) {
    throw mapDbError(error, action);
  }
}

export async function getRecord(db: Db, actor: Actor, def: ObjectDef, id: string): Promise<Row> {
  const row = await findRow(db as unknown as Tx, def, actor.workspaceId, id);
  if (!row) throw notFound(def.singular, id);
  return toApi(def, row);
}

export async function createRecord(db: Db, actor: Actor, def: ObjectDef, input: unknown): Promise<Row> {
  const data = validate(createSchema(def), input);
  return inTransaction(db, "write", async (tx) => {
    const [row, change] = await insertRow(tx, actor, def, data);
    await journal(tx, actor, [change]);
    return toApi(def, row);
  });
}

/**
 * PATCH with optimistic concurrency: the caller sends the version it last saw (body `version`
 * or an `If-Match` header); a stale version answers 409 with the current record.
 */
export async function patchRecord(
  db: Db,
  actor: Actor,
  def: ObjectDef,
  id: string,
  input: unknown,
  headerVersion?: number,
): Promise<Row> {
  const { version, ...patch } = validate(patchSchema(def), input);
  const expected = (version as number | undefined) ?? headerVersion;
  if (expected === undefined) {
    throw new AppError(
      "version_required",
      "version: send the version you last read (body field or If-Match)",
      {
        field: "version",
      },
    );
  }
  return inTransaction(db, "write", async (tx) => {
    const before = await findRow(tx, def, actor.workspaceId, id, true);
    if (!before) throw notFound(def.singular, id);
    if (before.version !== expected) {
      throw new AppError(
        "version_conflict",
        `version: the record is at version ${before.version}, not ${expected}; someone else saved it first`,
        { field: "version", extra: { current_version: before.version, current: toApi(def, before) } },
      );
    }
    const [row, change] = await updateRow(tx, actor, def, before, patch);
    if (change) await journal(tx, actor, [change]);
    return toApi(def, row);
  });
}

export async function deleteRecord(db: Db, actor: Actor, def: ObjectDef, id: string): Promise<void> {
  await inTransaction(db, "delete", async (tx) => {
    const change = await deleteRow(tx, actor, def, id);
    await journal(tx, actor, [change]);
  });
}
