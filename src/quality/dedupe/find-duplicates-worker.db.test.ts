import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, openTestDatabase } from "../../db/testing/test-database.ts";
import type { Database } from "../../db/types.ts";
import { loadDemo } from "../../demo/index.ts";
import type { Actor } from "../../records/index.ts";
import { DEFAULT_DEDUPE_SETTINGS } from "./dedupe-settings.ts";
import { findDuplicates, pairKey } from "./find-duplicates.ts";
import { findDuplicatesInWorker, WORKER_MIN_ROWS } from "./find-duplicates-worker.ts";
import { loadRecords } from "./load-records.ts";
import { executeRun, type RunProgress } from "./run-dedupe.ts";

// The demo company with 150 accounts and seed 1, ending 2026-11-28: 474 contacts (5 of them a person's second
// arrival), enough for a run to match in the worker thread.
let database: Database;
let actor: Actor;

beforeAll(async () => {
  database = await openTestDatabase();
  const t = await createTestWorkspace(database.db, "Worker");
  actor = t.admin;
  await loadDemo(database.db, t.workspace.id, { accounts: 150, seed: 1, now: new Date("2026-11-28") });
});
afterAll(() => database?.close());

const withoutTimings = <T extends { stages: Record<string, number> }>(found: T) => ({
  ...found,
  stages: Object.keys(found.stages).sort(),
});

describe("matching a workspace's contacts in a worker thread", () => {
  it("gives the clusters, pairs and probabilities of findDuplicates in-process", async () => {
    const loaded = await loadRecords(database.db, actor.workspaceId, "contacts");
    expect(loaded.table.columns[0]).toHaveLength(474);
    expect(474).toBeGreaterThanOrEqual(WORKER_MIN_ROWS);
    const first = findDuplicates(loaded, DEFAULT_DEDUPE_SETTINGS, new Set());
    expect(first.clusters.length).toBeGreaterThanOrEqual(5);
    // A "not a duplicate" decision on the strongest pair, as a later run would read it.
    const decided = first.clusters[0].pairs[0];
    const notDuplicates = new Set([pairKey(decided.left, decided.right)]);
    const inProcess = findDuplicates(loaded, DEFAULT_DEDUPE_SETTINGS, notDuplicates);
    const inWorker = await findDuplicatesInWorker(loaded, DEFAULT_DEDUPE_SETTINGS, notDuplicates);
    expect(inWorker.rejectedPairs).toBe(1);
    expect(inWorker.clusters.flatMap((c) => c.pairs.map((p) => pairKey(p.left, p.right)))).not.toContain(
      pairKey(decided.left, decided.right),
    );
    expect(withoutTimings(inWorker)).toEqual(withoutTimings(inProcess));
  });

  it("keeps the event loop free while a run matches", async () => {
    // Ticks of a 10 ms timer while the run is in its matching stage: none could fire if the
    // engine ran on this thread (findDuplicates is synchronous from its first progress call to
    // its result, and "storing" is reported right after it).
    let ticks = 0;
    let matching = false;
    const timer = setInterval(() => {
      if (matching) ticks++;
    }, 10);
    const stages: string[] = [];
    const onProgress = ({ stage }: RunProgress) => {
      stages.push(stage);
      if (stage === "blocking") matching = true;
      if (stage === "storing") matching = false;
    };
    try {
      const summary = await executeRun(database.db, actor, "contacts", null, onProgress);
      expect(summary).toMatchObject({ rows: 474, dry_run: true, warning: null });
      expect(summary.clusters).toBeGreaterThanOrEqual(5);
    } finally {
      clearInterval(timer);
    }
    expect(stages).toContain("blocking");
    expect(stages.at(-1)).toBe("storing");
    expect(ticks).toBeGreaterThanOrEqual(5);
  });
});
