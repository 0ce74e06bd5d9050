import { sql } from "kysely";
import type { Db } from "../../db/types.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import type { ObjectDef } from "../../model/object-def.ts";
import type { QualityReason } from "./reasons.ts";
import { refreshScores } from "./refresh-scores.ts";
import { SCORE_BUCKETS, scoreRecord } from "./score-record.ts";

type Row = Record<string, any>;

export interface ObjectQuality {
  object: string;
  label: string;
  records: number;
  /** Mean record score, one decimal; null when the object has no records. */
  score: number | null;
  buckets: Array<{ label: string; min: number; max: number; count: number }>;
  /** Records per reason, most frequent first. */
  reasons: Array<{ code: string; field: string; count: number; penalty: number }>;
}

/** The workspace-level score of each object: mean, distribution and how often each reason occurs. */
export async function qualitySummary(db: Db, workspaceId: string, defs: readonly ObjectDef[]) {
  const data: ObjectQuality[] = [];
  for (const def of defs) {
    await refreshScores(db, workspaceId, def);
    const totals = await sql<Row>`
      select count(*)::int as records, round(avg(score), 1)::float8 as score,
        ${sql.join(
          SCORE_BUCKETS.map(
            (b, i) =>
              sql`(count(*) filter (where score between ${b.min} and ${b.max}))::int as ${sql.ref(`bucket_${i}`)}`,
          ),
        )}
      from record_quality where workspace_id = ${workspaceId} and object = ${def.key}`.execute(db);
    const t = totals.rows[0];
    const reasons = await sql<Row>`
      select r->>'code' as code, min(r->>'field') as field, count(*)::int as count,
        max((r->>'penalty')::int) as penalty
      from record_quality q, jsonb_array_elements(q.reasons) r
      where q.workspace_id = ${workspaceId} and q.object = ${def.key}
      group by r->>'code' order by count(*) desc, r->>'code'`.execute(db);
    data.push({
      object: def.key,
      label: def.label,
      records: Number(t.records),
      score: t.score === null ? null : Number(t.score),
      buckets: SCORE_BUCKETS.map((b, i) => ({ ...b, count: Number(t[`bucket_${i}`]) })),
      reasons: reasons.rows.map((r) => ({
        code: r.code,
        field: r.field,
        count: Number(r.count),
        penalty: Number(r.penalty),
      })),
    });
  }
  return data;
}

export interface QualityListQuery {
  minScore?: number;
  maxScore?: number;
  reason?: string;
  limit?: number;
  cursor?: string;
}

export interface ScoredRecord {
  id: string;
  title: string;
  /** The fields the rules read, to show beside the reasons. */
  fields: Row;
  score: number;
  reasons: QualityReason[];
}

const SHOWN: Record<string, string[]> = {
  contacts: ["first_name", "last_name", "email", "phone", "country", "account_id"],
  accounts: ["name", "domain", "website", "industry", "country"],
};

function titleOf(def: ObjectDef, row: Row): string {
  if (def.key === "contacts") {
    const name = [row.first_name, row.last_name].filter(Boolean).join(" ");
    return name || row.email || row.phone || row.id || row.record_id;
  }
  return row[def.titleField] || row.id || row.record_id;
}

const encodeCursor = (score: number, id: string) =>
  Buffer.from(JSON.stringify([score, id])).toString("base64url");

function decodeCursor(cursor: string): [number, string] {
  try {
    const [score, id] = JSON.parse(Buffer.from(cursor, "base64url").toString());
    if (Number.isInteger(score) && typeof id === "string") return [score, id];
  } catch {
    // Not base64url JSON: answered below like any other foreign cursor.
  }
  throw new AppError("bad_request", "cursor: not a cursor this list returned", { field: "cursor" });
}

/** Records with their score and reasons, worst first (then by id), a keyset page at a time. */
export async function listRecordQuality(
  db: Db,
  workspaceId: string,
  def: ObjectDef,
  query: QualityListQuery,
) {
  await refreshScores(db, workspaceId, def);
  const limit = query.limit ?? 50;
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const fields = SHOWN[def.key];
  const result = await sql<Row>`
    select q.record_id, q.score, q.reasons, ${sql.join(fields.map((f) => sql.ref(`r.${f}`)))}
    from record_quality q
    join ${sql.table(def.key)} r on r.workspace_id = q.workspace_id and r.id = q.record_id
    where q.workspace_id = ${workspaceId} and q.object = ${def.key}
      ${query.minScore === undefined ? sql`` : sql`and q.score >= ${query.minScore}`}
      ${query.maxScore === undefined ? sql`` : sql`and q.score <= ${query.maxScore}`}
      ${query.reason ? sql`and q.reasons @> ${JSON.stringify([{ code: query.reason }])}::jsonb` : sql``}
      ${after ? sql`and (q.score, q.record_id) > (${after[0]}, ${after[1]})` : sql``}
    order by q.score, q.record_id
    limit ${limit + 1}`.execute(db);
  const rows = result.rows.slice(0, limit);
  const last = rows.at(-1);
  return {
    data: rows.map((row): ScoredRecord => {
      const shown: Row = {};
      for (const f of fields) shown[f] = row[f] ?? null;
      return {
        id: row.record_id,
        title: titleOf(def, row),
        fields: shown,
        score: row.score,
        reasons: row.reasons,
      };
    }),
    next_cursor: result.rows.length > limit && last ? encodeCursor(last.score, last.record_id) : null,
  };
}

/** One record's score and reasons, computed now from the stored record. */
export async function recordQuality(db: Db, workspaceId: string, def: ObjectDef, id: string) {
  const row = (await db
    .selectFrom(def.key)
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst()) as Row | undefined;
  if (!row) throw notFound(def.singular, id);
  const account =
    def.key === "contacts" && row.account_id
      ? ((await db
          .selectFrom("accounts")
          .select(["country", "domain"])
          .where("workspace_id", "=", workspaceId)
          .where("id", "=", row.account_id)
          .executeTakeFirst()) as { country: string | null; domain: string | null } | undefined)
      : undefined;
  const shown: Row = {};
  for (const f of SHOWN[def.key]) shown[f] = row[f] ?? null;
  return {
    object: def.key,
    id,
    title: titleOf(def, row),
    fields: shown,
    ...scoreRecord(def.key, row, account ?? null),
  };
}
