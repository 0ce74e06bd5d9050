import { AppError } from "../../errors/app-error.ts";
import { blockedPairs, type ProgressListener } from "./blocking.ts";
import { type BlockingOptions, chooseBlockingRules } from "./blocking-rules.ts";
import { clusterPairs, linkClusters } from "./cluster.ts";
import { comparisonFor } from "./compare.ts";
import { comparePairs } from "./comparison-patterns.ts";
import { encodeFields } from "./encode-fields.ts";
import { explainPair, type Matcher, type PairExplanation, pairWeight } from "./explain.ts";
import { logOdds, type MatchModel, trainModel } from "./fellegi-sunter.ts";
import { type FieldSpec, resolveFieldSpecs } from "./field-types.ts";
import { scorePairs, termFrequencyAdjustments } from "./score-pairs.ts";
import { type DuplicatePair, type PairScope, selectPairs } from "./select-pairs.ts";
import { estimateU } from "./u-probabilities.ts";

/** A file as columns: `columns[c][r]` is row r's value of `headers[c]`, already trimmed. */
export interface RecordTable {
  headers: string[];
  columns: string[][];
}

export interface DedupeOptions {
  idColumn: string;
  /** Column types chosen by the user; when absent they are inferred from names and values. */
  fields?: FieldSpec[];
  /** Columns never compared (e.g. a ground-truth label). */
  ignore?: string[];
  /** Minimum match probability of a duplicate pair (default DEFAULT_THRESHOLD). */
  threshold?: number;
  scope?: PairScope;
  maxClusterSize?: number;
  termFrequency?: boolean;
  /** "average" (default): see linkClusters; "single": plain connected components. */
  linkage?: "average" | "single";
  /** For "average" linkage: the mean match weight across two clusters needed to join them. */
  minMeanWeight?: number;
  blocking?: BlockingOptions;
  onProgress?: ProgressListener;
}

export type { DuplicatePair, PairScope };

export const DEFAULT_THRESHOLD = 0.9;
// Two clusters join when their records' match odds average at least 1 : 16 (log2 odds -4).
const MIN_MEAN_WEIGHT = -4;

export interface DedupeStats {
  rows: number;
  comparisons: number;
  pairs: number;
  clusters: number;
  seconds: number;
  stages: Record<string, number>;
}

export interface DedupeResult {
  pairs: DuplicatePair[];
  /** The probability threshold used. */
  threshold: number;
  fields: FieldSpec[];
  rules: { label: string; estimatedPairs: number; skippedBlocks: number }[];
  model: MatchModel;
  stats: DedupeStats;
  /** Field-by-field evidence for two records, by their ids. */
  explain: (leftId: string, rightId: string) => PairExplanation;
}

/** Finds duplicate records in a table: blocking → comparison → EM → scoring → clustering. */
export function dedupeRecords(table: RecordTable, options: DedupeOptions): DedupeResult {
  const started = performance.now();
  const stages: Record<string, number> = {};
  let mark = started;
  const lap = (stage: string): void => {
    const now = performance.now();
    stages[stage] = Math.round(now - mark) / 1000;
    mark = now;
  };
  const idIndex = table.headers.indexOf(options.idColumn);
  if (idIndex < 0) {
    throw new AppError(
      "validation_failed",
      `--id: no column "${options.idColumn}" (has: ${table.headers.join(", ")})`,
      {
        field: "id",
      },
    );
  }
  const ids = table.columns[idIndex];
  const n = ids.length;
  const specs = resolveFieldSpecs(table.headers, table.columns, options);
  if (specs.length === 0)
    throw new AppError("validation_failed", "No columns left to compare", { field: "fields" });
  const fields = encodeFields(
    specs,
    specs.map((s) => table.columns[table.headers.indexOf(s.name)]),
  );
  const comparisons = fields.map((_, k) => comparisonFor(fields, k));
  lap("normalise");
  const rules = chooseBlockingRules(fields, options.blocking);
  const pairs = blockedPairs(rules, options.onProgress);
  lap("blocking");
  const compared = comparePairs(comparisons, pairs, options.onProgress);
  lap("compare");
  const sample = estimateU(comparisons, n);
  const model = trainModel({ comparisons, rules, pairs, compared, sample, recordCount: n });
  lap("train");
  const termFrequency = options.termFrequency === false ? null : termFrequencyAdjustments(model, comparisons);
  const matcher: Matcher = { model, comparisons, termFrequency };
  const scores = scorePairs(model, comparisons, pairs, compared, termFrequency);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const minWeight = logOdds(threshold);
  const directWeight = (i: number, j: number): number => pairWeight(matcher, i, j);
  const cluster =
    options.linkage === "single"
      ? clusterPairs(n, pairs.left, pairs.right, scores, minWeight)
      : linkClusters(n, pairs.left, pairs.right, scores, minWeight, directWeight, {
          minMeanWeight: options.minMeanWeight ?? MIN_MEAN_WEIGHT,
        });
  const scope = options.scope ?? "cluster";
  const { pairs: out, clusters } = selectPairs(ids, pairs, scores, cluster, {
    scope,
    minWeight,
    maxClusterSize: options.maxClusterSize ?? 50,
    directWeight,
  });
  lap("score");
  let index: Map<string, number> | null = null;
  const recordOf = (id: string): number => {
    if (index === null) {
      index = new Map();
      for (let r = ids.length - 1; r >= 0; r--) index.set(ids[r], r);
    }
    const r = index.get(id);
    if (r === undefined) throw new AppError("not_found", `No record with id ${id}`, { field: "id" });
    return r;
  };
  return {
    pairs: out,
    threshold,
    fields: specs,
    rules: rules.map((r) => ({
      label: r.label,
      estimatedPairs: r.estimatedPairs,
      skippedBlocks: r.skippedBlocks,
    })),
    model,
    stats: {
      rows: n,
      comparisons: pairs.length,
      pairs: out.length,
      clusters,
      seconds: Math.round(performance.now() - started) / 1000,
      stages,
    },
    explain: (leftId, rightId) => explainPair(matcher, recordOf(leftId), recordOf(rightId)),
  };
}
