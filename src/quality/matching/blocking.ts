import type { BlockingRule } from "./blocking-rules.ts";
import { createPairCollector, type PairList } from "./pair-list.ts";

export type ProgressListener = (stage: string, done: number, total: number) => void;

/** Record indices grouped by block (counting sort), members in ascending record order. */
function groupBlocks(rule: BlockingRule): { start: Int32Array; members: Int32Array } {
  const start = new Int32Array(rule.blockCount + 1);
  for (const b of rule.blocks) if (b >= 0) start[b + 1]++;
  for (let b = 0; b < rule.blockCount; b++) start[b + 1] += start[b];
  const members = new Int32Array(start[rule.blockCount]);
  const fill = start.slice(0, rule.blockCount);
  rule.blocks.forEach((b, r) => {
    if (b >= 0) members[fill[b]++] = r;
  });
  return { start, members };
}

/**
 * The union of the pairs of all rules, each pair exactly once: rule k emits a pair only when no
 * earlier rule shares a block with it (checked on the block ids, so no set of seen pairs is
 * kept). Each pair records every rule that would have produced it, for training per rule.
 */
export function blockedPairs(rules: readonly BlockingRule[], onProgress?: ProgressListener): PairList {
  const out = createPairCollector();
  const blocks = rules.map((r) => r.blocks);
  const ruleCount = rules.length;
  rules.forEach((rule, k) => {
    const { start, members } = groupBlocks(rule);
    for (let b = 0; b < rule.blockCount; b++) {
      const end = start[b + 1];
      for (let x = start[b]; x < end; x++) {
        const i = members[x];
        for (let y = x + 1; y < end; y++) {
          const j = members[y];
          let seen = false;
          for (let r = 0; r < k; r++) {
            const bi = blocks[r][i];
            if (bi >= 0 && bi === blocks[r][j]) {
              seen = true;
              break;
            }
          }
          if (seen) continue;
          let mask = 1 << k;
          for (let r = k + 1; r < ruleCount; r++) {
            const bi = blocks[r][i];
            if (bi >= 0 && bi === blocks[r][j]) mask |= 1 << r;
          }
          out.push(i, j, mask >>> 0);
        }
      }
    }
    onProgress?.("blocking", k + 1, ruleCount);
  });
  return out.finish();
}
