import { sql } from "kysely";
import { refreshStatistics } from "../db/statistics.ts";
import type { Db, DbOrTx, Tx } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { OBJECTS } from "../model/registry.ts";
import { type DemoRun, startDemo } from "./generate.ts";
import { insertRows, skipReferenceTriggers } from "./insert.ts";
import type { DemoOptions } from "./plan.ts";
import { referenceChecker } from "./references.ts";
import type { Tables } from "./rows.ts";

export interface DemoProgress {
  /** The table just written. */
  table: string;
  /** Rows written so far, all tables together. */
  rows: number;
  /** Rows expected in all (an estimate refined after every chunk; equal to `rows` at the end). */
  totalRows: number;
}

export interface DemoSummary {
  /** Rows written per table. */
  rows: Record<string, number>;
  seconds: number;
}

/** Accounts generated and written per transaction: bounds memory at any size. */
const CHUNK_ACCOUNTS = 1000;
/** A first guess of rows per account, until the first chunk tells. */
const ROWS_PER_ACCOUNT = 45;

/** True when the workspace holds any account, contact or opportunity. */
export async function workspaceHasData(db: DbOrTx, workspaceId: string): Promise<boolean> {
  const result = await sql<{ has: boolean }>`select
      exists (select 1 from accounts where workspace_id = ${workspaceId})
      or exists (select 1 from contacts where workspace_id = ${workspaceId})
      or exists (select 1 from opportunities where workspace_id = ${workspaceId}) as has`.execute(db);
  return result.rows[0].has;
}

/**
 * Loads a generated B2B SaaS company (three years of marketing, pipeline, billing and support)
 * into an empty workspace: company-wide records first, then accounts a chunk per transaction,
 * then targets and commissions, and one audit entry. Refuses a workspace that has data; if
 * loading fails part-way, the demo rows already written are removed again.
 */
export async function loadDemo(
  db: Db,
  workspaceId: string,
  options: DemoOptions = {},
  onProgress?: (p: DemoProgress) => void,
): Promise<DemoSummary> {
  const started = performance.now();
  const existing = await db
    .selectFrom("users")
    .select("email")
    .where("workspace_id", "=", workspaceId)
    .execute();
  const run = startDemo(options, new Set(existing.map((u) => u.email as string)));
  const checkReferences = referenceChecker(run.foundation);
  checkReferences(run.foundation);
  const counts: Record<string, number> = {};
  let written = 0;
  let expected = countAll(run.foundation) + run.plan.accounts * ROWS_PER_ACCOUNT;
  const write = async (tx: Tx, tables: Tables) => {
    for (const def of OBJECTS) {
      const rows = tables[def.key];
      if (!rows || rows.length === 0) continue;
      await insertRows(tx, workspaceId, def.key, rows);
      counts[def.key] = (counts[def.key] ?? 0) + rows.length;
      written += rows.length;
      onProgress?.({ table: def.key, rows: written, totalRows: Math.max(expected, written) });
    }
  };

  await db.transaction().execute(async (tx) => {
    await claimEmptyWorkspace(tx, workspaceId);
    await writeFoundation(tx, workspaceId, run, write);
  });
  let pending: Promise<void> = Promise.resolve();
  try {
    for (let from = 0; from < run.plan.accounts; from += CHUNK_ACCOUNTS) {
      // Generate the next chunk while the database writes the previous one.
      const tables = run.accounts(from, from + CHUNK_ACCOUNTS);
      checkReferences(tables);
      await pending;
      pending = db.transaction().execute(async (tx) => {
        await skipReferenceTriggers(tx);
        await write(tx, tables);
      });
      pending.catch(() => undefined);
      const done = Math.min(from + CHUNK_ACCOUNTS, run.plan.accounts);
      const perAccount = (written + countAll(tables) - countAll(run.foundation)) / done;
      expected = written + countAll(tables) + Math.round(perAccount * (run.plan.accounts - done));
    }
    await pending;
    const epilogue = run.epilogue();
    checkReferences(epilogue);
    expected = written + countAll(epilogue);
    await db.transaction().execute(async (tx) => {
      await write(tx, epilogue);
      await recordLoad(tx, workspaceId, run, counts);
    });
  } catch (error) {
    await pending.catch(() => undefined);
    await removeDemoRows(db, workspaceId).catch(() => undefined);
    throw error;
  }
  // A bulk load changes every table's size: let the planner see it (PGlite has no autovacuum).
  await refreshStatistics(db);
  return { rows: counts, seconds: Math.round((performance.now() - started) / 10) / 100 };
}

const countAll = (tables: Tables) => Object.values(tables).reduce((sum, rows) => sum + rows.length, 0);

/** Locks the workspace row so two loads cannot race, and refuses one that already has data. */
async function claimEmptyWorkspace(tx: Tx, workspaceId: string): Promise<void> {
  const found = await sql`select id from workspaces where id = ${workspaceId} for update`.execute(tx);
  if (found.rows.length === 0) throw new AppError("not_found", `No workspace with id ${workspaceId}`);
  const demo = await sql<{ has: boolean }>`select exists (
      select 1 from teams where workspace_id = ${workspaceId} and source = 'demo') as has`.execute(tx);
  if (demo.rows[0].has || (await workspaceHasData(tx, workspaceId))) {
    throw new AppError(
      "duplicate",
      "This workspace already has data: demo data loads only into an empty workspace",
      {
        field: "workspace",
      },
    );
  }
}

/** Teams and their managers point at each other: teams go in first, managers are set once users exist. */
async function writeFoundation(
  tx: Tx,
  workspaceId: string,
  run: DemoRun,
  write: (tx: Tx, tables: Tables) => Promise<void>,
): Promise<void> {
  const teams = run.foundation.teams;
  const managers = teams.map((t) => ({ id: t.id, manager_id: t.manager_id }));
  await write(tx, { ...run.foundation, teams: teams.map(({ manager_id: _m, ...team }) => team) });
  await sql`update teams set manager_id = m.manager_id
    from jsonb_to_recordset(${JSON.stringify(managers)}::jsonb) as m(id text, manager_id text)
    where teams.workspace_id = ${workspaceId} and teams.id = m.id`.execute(tx);
}

async function recordLoad(tx: Tx, workspaceId: string, run: DemoRun, counts: Record<string, number>) {
  const after = JSON.stringify({
    accounts: run.plan.accounts,
    seed: run.plan.seed,
    now: new Date(run.plan.now).toISOString(),
    rows: counts,
  });
  await sql`insert into audit_log (workspace_id, actor_type, actor_id, action, object, record_id, after)
    values (${workspaceId}, 'system', null, 'demo_loaded', 'workspace', ${workspaceId}, ${after}::jsonb)`.execute(
    tx,
  );
  const payload = JSON.stringify({
    id: workspaceId,
    actor: { type: "system", id: null },
    before: null,
    after: JSON.parse(after),
  });
  await sql`insert into outbox_events (workspace_id, type, object, record_id, payload)
    values (${workspaceId}, 'workspace.demo_loaded', 'workspace', ${workspaceId}, ${payload}::jsonb)`.execute(
    tx,
  );
}

/** Undoes a failed load: every demo row of the workspace, children before parents. */
async function removeDemoRows(db: Db, workspaceId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const def of [...OBJECTS].reverse()) {
      await tx
        .deleteFrom(def.key)
        .where("workspace_id", "=", workspaceId)
        .where("source", "=", "demo")
        .execute();
    }
  });
}
