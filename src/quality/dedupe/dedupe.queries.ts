import { sql } from "kysely";
import { z } from "zod";
import type { Db, DbOrTx } from "../../db/types.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { objectDef } from "../../model/registry.ts";
import { type Actor, type Row, sameValue, toApi, validate } from "../../records/index.ts";
import { mergeableFields, mergeRecords } from "../merge/index.ts";
import { DEDUPE_OBJECTS, RUN_OBJECTS } from "./load-records.ts";

export const CLUSTER_STATUSES = ["open", "merged", "dismissed"] as const;

export async function getRun(db: DbOrTx, actor: Actor, runId: string): Promise<Row> {
  const { rows } =
    await sql<Row>`select id, object, status, dry_run, stage, rows_total, rows_done, comparisons, pairs,
      clusters, auto_merged, queued, settings, stats, error, started_by, created_at, finished_at
    from dedupe_runs where workspace_id = ${actor.workspaceId} and id = ${runId}`.execute(db);
  if (!rows[0]) throw notFound("dedupe run", runId);
  return rows[0];
}

const listSchema = z
  .object({
    object: z
      .enum(DEDUPE_OBJECTS, { message: `must be one of ${DEDUPE_OBJECTS.join(", ")}` })
      .default("contacts"),
    status: z
      .enum(CLUSTER_STATUSES, { message: `must be one of ${CLUSTER_STATUSES.join(", ")}` })
      .default("open"),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** Fields whose values differ between the records of a cluster: what a reviewer looks at first. */
function differingFields(object: string, records: Row[]): string[] {
  const def = objectDef(object);
  return mergeableFields(def).filter((f) =>
    records.some((r) => !sameValue(def.fields[f], r[f], records[0][f])),
  );
}

/**
 * A page of clusters of an object, strongest first, each with its records side by side (as
 * they are now) and its pairs with the engine's per-field evidence. Open clusters whose
 * records were merged or deleted meanwhile (fewer than two left) are left out.
 */
export async function listClusters(db: DbOrTx, actor: Actor, query: unknown) {
  const q = validate(listSchema, query ?? {}) as z.infer<typeof listSchema>;
  const def = objectDef(q.object);
  const { rows: clusters } =
    await sql<Row>`select id, run_id, object, status, record_ids, max_probability, merge_id, created_at, updated_at
    from dedupe_clusters where workspace_id = ${actor.workspaceId} and object = ${q.object} and status = ${q.status}
    order by max_probability desc, id limit ${q.limit} offset ${q.offset}`.execute(db);
  const { rows: count } = await sql<{ n: number }>`select count(*)::int as n from dedupe_clusters
    where workspace_id = ${actor.workspaceId} and object = ${q.object} and status = ${q.status}`.execute(db);
  const ids = [...new Set(clusters.flatMap((c) => c.record_ids as string[]))];
  const records = ids.length
    ? ((await db
        .selectFrom(def.key)
        .selectAll()
        .where("workspace_id", "=", actor.workspaceId)
        .where("id", "in", ids)
        .execute()) as Row[])
    : [];
  const byId = new Map(records.map((r) => [r.id as string, toApi(def, r)]));
  const clusterIds = clusters.map((c) => c.id as string);
  const { rows: pairs } = clusterIds.length
    ? await sql<Row>`select p.id, p.cluster_id, p.left_id, p.right_id, p.probability, p.explanation,
          (d.decision is not null) as not_duplicate
        from dedupe_pairs p left join dedupe_decisions d on d.workspace_id = p.workspace_id and d.object = p.object
          and d.left_id = least(p.left_id, p.right_id) and d.right_id = greatest(p.left_id, p.right_id)
        where p.workspace_id = ${actor.workspaceId} and p.cluster_id = any(${sql.val(clusterIds)}::text[])
        order by p.probability desc`.execute(db)
    : { rows: [] as Row[] };
  const data = clusters
    .map((c) => {
      const present = (c.record_ids as string[]).filter((id) => byId.has(id)).map((id) => byId.get(id)!);
      return {
        ...c,
        id: c.id as string,
        status: c.status as string,
        records: present,
        missing_ids: (c.record_ids as string[]).filter((id) => !byId.has(id)),
        differing_fields: differingFields(q.object, present),
        pairs: pairs.filter((p) => p.cluster_id === c.id).map(({ cluster_id: _c, ...p }) => p),
      };
    })
    .filter((c) => c.status !== "open" || c.records.length >= 2);
  return { data, total: count[0].n, limit: q.limit, offset: q.offset };
}

async function findCluster(db: DbOrTx, actor: Actor, clusterId: string): Promise<Row> {
  const { rows } =
    await sql<Row>`select * from dedupe_clusters where workspace_id = ${actor.workspaceId} and id = ${clusterId}`.execute(
      db,
    );
  if (!rows[0]) throw notFound("duplicate cluster", clusterId);
  return rows[0];
}

const clusterMergeSchema = z
  .object({
    survivor_id: z.string().min(1).max(100),
    merged_ids: z.array(z.string().min(1).max(100)).min(1).max(50).optional(),
    fields: z.record(z.string(), z.string().min(1).max(100)).optional(),
    versions: z.record(z.string(), z.number().int()).optional(),
  })
  .strict();

/** Merges a cluster's records (by default all of them) into the survivor the user chose. */
export async function mergeCluster(db: Db, actor: Actor, clusterId: string, input: unknown) {
  const body = validate(clusterMergeSchema, input) as z.infer<typeof clusterMergeSchema>;
  const cluster = await findCluster(db, actor, clusterId);
  if (cluster.status !== "open")
    throw new AppError("version_conflict", `cluster ${clusterId} is ${cluster.status}, not open`, {
      field: "id",
      extra: { merge_id: cluster.merge_id },
    });
  const members = cluster.record_ids as string[];
  for (const id of [body.survivor_id, ...(body.merged_ids ?? [])]) {
    if (!members.includes(id))
      throw new AppError("validation_failed", `${id} is not a record of cluster ${clusterId}`, {
        field: id === body.survivor_id ? "survivor_id" : "merged_ids",
      });
  }
  const merged = body.merged_ids ?? members.filter((id) => id !== body.survivor_id);
  return mergeRecords(db, actor, cluster.object, { ...body, merged_ids: merged }, { clusterId });
}

/**
 * Remembers that a pair is not a duplicate: later runs never propose it again. A cluster of
 * two is dismissed; a larger one stays open with the pair marked.
 */
export async function markNotDuplicate(db: Db, actor: Actor, pairId: string) {
  return db.transaction().execute(async (tx) => {
    const { rows } =
      await sql<Row>`select * from dedupe_pairs where workspace_id = ${actor.workspaceId} and id = ${pairId}`.execute(
        tx,
      );
    const pair = rows[0];
    if (!pair) throw notFound("duplicate pair", pairId);
    const [left, right] = [pair.left_id, pair.right_id].sort();
    await sql`insert into dedupe_decisions (workspace_id, object, left_id, right_id, decided_by)
      values (${actor.workspaceId}, ${pair.object}, ${left}, ${right}, ${actor.id})
      on conflict do nothing`.execute(tx);
    let clusterStatus: string | null = null;
    if (pair.cluster_id) {
      const { rows: updated } = await sql<{ status: string }>`update dedupe_clusters
        set status = case when jsonb_array_length(record_ids) = 2 and status = 'open' then 'dismissed' else status end,
            updated_at = now()
        where workspace_id = ${actor.workspaceId} and id = ${pair.cluster_id} returning status`.execute(tx);
      clusterStatus = updated[0]?.status ?? null;
    }
    return {
      pair_id: pairId,
      object: pair.object,
      left_id: left,
      right_id: right,
      decision: "not_duplicate",
      cluster_status: clusterStatus,
    };
  });
}

const leadQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** The latest lead → account match list: leads without an account and the account their email domain names. */
export async function listLeadMatches(db: DbOrTx, actor: Actor, query: unknown) {
  const q = validate(leadQuery, query ?? {}) as z.infer<typeof leadQuery>;
  const { rows } =
    await sql<Row>`select p.id, p.run_id, p.left_id as contact_id, c.email, c.first_name, c.last_name,
      p.right_id as account_id, a.name as account_name, p.probability, p.explanation
    from dedupe_pairs p
      join contacts c on c.workspace_id = p.workspace_id and c.id = p.left_id and c.account_id is null
      join accounts a on a.workspace_id = p.workspace_id and a.id = p.right_id
    where p.workspace_id = ${actor.workspaceId} and p.object = 'leads'
      and not exists (select 1 from dedupe_decisions d where d.workspace_id = p.workspace_id and d.object = 'leads'
        and d.left_id = least(p.left_id, p.right_id) and d.right_id = greatest(p.left_id, p.right_id))
    order by p.probability desc, c.email limit ${q.limit} offset ${q.offset}`.execute(db);
  return { data: rows, limit: q.limit, offset: q.offset };
}

export { RUN_OBJECTS };
