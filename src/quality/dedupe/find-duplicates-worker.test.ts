import { describe, expect, it } from "vitest";
import { AppError } from "../../errors/app-error.ts";
import { DEFAULT_DEDUPE_SETTINGS } from "./dedupe-settings.ts";
import { findDuplicates, pairKey } from "./find-duplicates.ts";
import { findDuplicatesInWorker } from "./find-duplicates-worker.ts";
import type { LoadedRecords } from "./load-records.ts";
import { syntheticRecords } from "./testing/synthetic-records.ts";

const synthetic = (rows: number): LoadedRecords => syntheticRecords(rows).loaded;

// Stage timings differ from one call to the next; everything else must not.
const withoutTimings = <T extends { stages: Record<string, number> }>(found: T) => ({
  ...found,
  stages: Object.keys(found.stages),
});

describe("findDuplicates in a worker thread", () => {
  const loaded = synthetic(1000);

  it("finds what findDuplicates finds in-process, and reports its stages", { timeout: 30_000 }, async () => {
    const inProcess = findDuplicates(loaded, DEFAULT_DEDUPE_SETTINGS, new Set());
    // One pair decided "not a duplicate": the Set has to cross into the worker to be honoured.
    const decided = inProcess.clusters[0].pairs[0];
    const rejected = new Set([pairKey(decided.left, decided.right)]);
    const expected = findDuplicates(loaded, DEFAULT_DEDUPE_SETTINGS, rejected);
    const progress: string[] = [];
    const found = await findDuplicatesInWorker(
      loaded,
      DEFAULT_DEDUPE_SETTINGS,
      rejected,
      (stage, done, total) => {
        expect(done).toBeLessThanOrEqual(total);
        progress.push(stage);
      },
    );
    expect(found.rejectedPairs).toBe(1);
    expect(found.clusters.length).toBeGreaterThan(100);
    expect(withoutTimings(found)).toEqual(withoutTimings(expected));
    expect(new Set(progress)).toEqual(new Set(["blocking", "comparing"]));
  });

  it("rejects with the error thrown inside the worker", async () => {
    const broken: LoadedRecords = { ...loaded, fields: [{ name: "nickname", type: "text" }] };
    const failed = findDuplicatesInWorker(broken, DEFAULT_DEDUPE_SETTINGS, new Set());
    await expect(failed).rejects.toThrow(
      'Column "nickname" is not in the file (has: id, first_name, last_name, email, phone, company)',
    );
    await expect(failed).rejects.toBeInstanceOf(AppError);
    await expect(failed).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("rejects when the progress listener throws, without waiting for the result", async () => {
    const failed = findDuplicatesInWorker(loaded, DEFAULT_DEDUPE_SETTINGS, new Set(), () => {
      throw new Error("listener broke");
    });
    await expect(failed).rejects.toThrow("listener broke");
  });
});
