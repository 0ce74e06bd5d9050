import type { ProgressListener } from "./blocking.ts";
import type { Comparison } from "./compare.ts";
import type { PairList } from "./pair-list.ts";

/**
 * The distinct comparison vectors among the candidate pairs. Training and scoring work per
 * pattern (there are thousands, not millions), and each pair only keeps its pattern id.
 */
export interface PatternTable {
  readonly fieldCount: number;
  readonly count: number;
  /** `levels[p * fieldCount + f]` is field f's level in pattern p. */
  readonly levels: Uint8Array;
}

export interface ComparedPairs {
  readonly patterns: PatternTable;
  /** Pattern id of each pair of the pair list. */
  readonly pairPatterns: Int32Array;
}

export function comparePairs(
  comparisons: readonly Comparison[],
  pairs: PairList,
  onProgress?: ProgressListener,
): ComparedPairs {
  const fieldCount = comparisons.length;
  const radix: number[] = [];
  let product = 1;
  for (const c of comparisons) {
    radix.push(product);
    product *= c.labels.length;
  }
  if (product > Number.MAX_SAFE_INTEGER)
    throw new Error("Too many compared fields: use --fields to choose fewer");
  const levelOf = comparisons.map((c) => c.level);
  // Missing and equal values are settled here, without calling the comparison.
  const codesOf = comparisons.map((c) => c.field.codes);
  const ids = new Map<number, number>();
  let levels = new Uint8Array(1024 * fieldCount);
  const pairPatterns = new Int32Array(pairs.length);
  const row = new Uint8Array(fieldCount);
  const step = 1 << 20;
  for (let p = 0; p < pairs.length; p++) {
    const i = pairs.left[p];
    const j = pairs.right[p];
    let key = 0;
    for (let f = 0; f < fieldCount; f++) {
      const codes = codesOf[f];
      const a = codes[i];
      const b = codes[j];
      const level = a < 0 || b < 0 ? 0 : a === b ? 1 : levelOf[f](i, j);
      row[f] = level;
      key += level * radix[f];
    }
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
      if ((id + 1) * fieldCount > levels.length) {
        const grown = new Uint8Array(levels.length * 2);
        grown.set(levels);
        levels = grown;
      }
      levels.set(row, id * fieldCount);
    }
    pairPatterns[p] = id;
    if ((p + 1) % step === 0) onProgress?.("comparing", p + 1, pairs.length);
  }
  onProgress?.("comparing", pairs.length, pairs.length);
  return {
    patterns: { fieldCount, count: ids.size, levels: levels.slice(0, ids.size * fieldCount) },
    pairPatterns,
  };
}
