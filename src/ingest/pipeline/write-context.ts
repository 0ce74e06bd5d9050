import type { Tx } from "../../db/types.ts";
import type { Actor, Change, Row } from "../../records/index.ts";
import type { ImportCounts, MappedRecord, RowProblem } from "../ingest.types.ts";
import type { SourcePriority } from "./source-priority.ts";

/** A mapped record on its way into the database, with where it came from. */
export interface RecordInput {
  record: MappedRecord;
  rowNumber: number;
  /** The source row, kept as the record's raw provenance. */
  raw: Row | null;
  /** The import the row belongs to (a waiting record may be written by a later import). */
  importId: string | null;
}

/** A row that goes to quarantine, with every problem found in it. */
export interface Rejection {
  importId: string | null;
  rowNumber: number;
  problems: RowProblem[];
  raw: Row | null;
}

/** Everything one batch transaction writes through, and what it learns on the way. */
export interface WriteContext {
  tx: Tx;
  actor: Actor;
  workspaceId: string;
  importId: string | null;
  priority: SourcePriority;
  /** One timestamp for the whole batch: created_at, updated_at and provenance times. */
  now: string;
  counts: ImportCounts;
  rejections: Rejection[];
  /** Ids created and updated per object, for the batch's outbox event. */
  touched: Map<string, { created: string[]; updated: string[] }>;
  /** Per-record changes with before/after (webhooks journal each record; imports do not). */
  changes?: Change[];
  /** Write each record on its own (after a set-based write failed), rejecting only the bad ones. */
  oneByOne: boolean;
  /** Nesting of waiting records written because their reference arrived. */
  depth: number;
  /** PGlite (one connection): rows read need no lock against other writers. */
  singleConnection?: boolean;
  /**
   * The previous batch's commit, when this batch was started before it ended (its reads,
   * planning and writes overlap the previous batch's): awaited before this batch's checkpoint,
   * so checkpoints commit in file order and a batch after a failed one rolls back.
   */
  previousCommit?: Promise<void>;
}

/** The same key within a source: (source, external id), or the Revline id. */
export const keyOf = (r: MappedRecord): string =>
  r.externalId !== null ? `x\u0000${r.source}\u0000${r.externalId}` : `i\u0000${r.id}`;

export function touch(ctx: WriteContext, object: string, kind: "created" | "updated", id: string): void {
  let entry = ctx.touched.get(object);
  if (!entry) {
    entry = { created: [], updated: [] };
    ctx.touched.set(object, entry);
  }
  entry[kind].push(id);
}

/** The previous batch failed: this one, which waited to write after it, stops unwritten. */
export class PreviousBatchFailed extends Error {}

/** Waits (once) for the previous batch to commit before this batch's checkpoint. */
export async function afterPreviousBatch(ctx: WriteContext): Promise<void> {
  const previous = ctx.previousCommit;
  if (!previous) return;
  ctx.previousCommit = undefined;
  try {
    await previous;
  } catch (error) {
    throw new PreviousBatchFailed(`the previous batch failed: ${(error as Error).message}`);
  }
}

export function reject(ctx: WriteContext, input: RecordInput, problems: RowProblem[]): void {
  ctx.rejections.push({ importId: input.importId, rowNumber: input.rowNumber, problems, raw: input.raw });
}
