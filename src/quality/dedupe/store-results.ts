import { sql } from "kysely";
import type { Tx } from "../../db/types.ts";
import { newId } from "../../model/ids.ts";
import type { FoundCluster } from "./find-duplicates.ts";
import type { LeadMatch } from "./lead-matches.ts";

const BATCH = 500;

async function insertPairs(tx: Tx, workspaceId: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await sql`insert into dedupe_pairs (workspace_id, id, run_id, cluster_id, object, left_id, right_id, probability, explanation)
      select ${workspaceId}, id, run_id, cluster_id, object, left_id, right_id, probability, explanation
      from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + BATCH))}::jsonb)
        as x(id text, run_id text, cluster_id text, object text, left_id text, right_id text,
             probability double precision, explanation jsonb)`.execute(tx);
  }
}

/**
 * Replaces the review queue of an object with a run's clusters: open clusters of earlier runs
 * go (merged and dismissed ones stay, as history); returns the stored cluster ids in order.
 */
export async function storeClusters(
  tx: Tx,
  workspaceId: string,
  runId: string,
  object: string,
  clusters: readonly FoundCluster[],
): Promise<string[]> {
  await sql`delete from dedupe_pairs where workspace_id = ${workspaceId} and cluster_id in
    (select id from dedupe_clusters where workspace_id = ${workspaceId} and object = ${object} and status = 'open')`.execute(
    tx,
  );
  await sql`delete from dedupe_clusters where workspace_id = ${workspaceId} and object = ${object} and status = 'open'`.execute(
    tx,
  );
  const ids = clusters.map(() => newId("dcl"));
  const rows = clusters.map((c, k) => ({
    id: ids[k],
    record_ids: c.recordIds,
    max_probability: c.maxProbability,
  }));
  for (let i = 0; i < rows.length; i += BATCH) {
    await sql`insert into dedupe_clusters (workspace_id, id, run_id, object, record_ids, max_probability)
      select ${workspaceId}, id, ${runId}, ${object}, record_ids, max_probability
      from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + BATCH))}::jsonb)
        as x(id text, record_ids jsonb, max_probability double precision)`.execute(tx);
  }
  await insertPairs(
    tx,
    workspaceId,
    clusters.flatMap((c, k) =>
      c.pairs.map((p) => ({
        id: newId("dpr"),
        run_id: runId,
        cluster_id: ids[k],
        object,
        left_id: p.left,
        right_id: p.right,
        probability: p.probability,
        explanation: p.explanation,
      })),
    ),
  );
  return ids;
}

/** Replaces the lead → account match list with a run's matches. */
export async function storeLeadMatches(
  tx: Tx,
  workspaceId: string,
  runId: string,
  matches: readonly LeadMatch[],
) {
  await sql`delete from dedupe_pairs where workspace_id = ${workspaceId} and object = 'leads'`.execute(tx);
  await insertPairs(
    tx,
    workspaceId,
    matches.map((m) => ({
      id: newId("dpr"),
      run_id: runId,
      cluster_id: null,
      object: "leads",
      left_id: m.contact_id,
      right_id: m.account_id,
      probability: 1 / m.candidates,
      explanation: {
        rule: "email domain is the account's domain",
        domain: m.domain,
        candidates: m.candidates,
      },
    })),
  );
}
