import { groupRows, type KeyPart, newScratch, robustPart, type Scratch } from "./blocking-keys.ts";
import type { EncodedField } from "./encode-fields.ts";

/**
 * A blocking rule: records with the same key are compared. `blocks` holds each record's block
 * id, or -1 when the record has no key, is alone in its block, or its block was too large.
 */
export interface BlockingRule {
  readonly label: string;
  readonly fields: readonly number[];
  readonly blocks: Int32Array;
  readonly blockCount: number;
  readonly estimatedPairs: number;
  readonly skippedBlocks: number;
}

export interface BlockingOptions {
  /** A rule whose blocks would yield more pairs than this is not used (default max(20k, 4n)). */
  maxPairsPerRule?: number;
  /** Rules are added until their estimated pairs reach this (default max(100k, 20n)). */
  maxPairs?: number;
  /** Blocks with more records than this are skipped, so one common key cannot explode the run. */
  maxBlockSize?: number;
  /** At most this many rules (default 24). */
  maxRules?: number;
}

interface Candidate {
  label: string;
  fields: number[];
  parts: KeyPart[];
  unordered: boolean;
  cost: number;
}

/** Estimated pairs of a candidate from a sample of records, skipping oversized blocks. */
function estimateCost(
  c: Candidate,
  sample: Int32Array,
  scale: number,
  maxBlock: number,
  scratch: Scratch,
): number {
  const { ids, count } = groupRows(c.parts, c.unordered, sample, scratch);
  const sizes = new Int32Array(count);
  for (const id of ids) if (id >= 0) sizes[id]++;
  let cost = 0;
  for (const size of sizes) {
    const estimated = size * scale;
    if (size > 1 && estimated <= maxBlock) cost += (estimated * (estimated - 1)) / 2;
  }
  return cost;
}

function candidates(fields: readonly EncodedField[]): Candidate[] {
  const strong: KeyPart[] = fields.map((f, k) => ({
    label: f.name,
    field: k,
    keys: f.codes,
    size: f.values.length,
  }));
  const robust = fields.map((f, k) => robustPart(f, k));
  const out: Candidate[] = strong.map((p) => ({
    label: p.label,
    fields: [p.field],
    parts: [p],
    unordered: false,
    cost: 0,
  }));
  for (let f = 0; f < fields.length; f++) {
    for (let g = f + 1; g < fields.length; g++) {
      const variants: KeyPart[][] = [];
      for (const a of [robust[f], strong[f]])
        for (const b of [robust[g], strong[g]]) if (a && b) variants.push([a, b]);
      out.push(
        ...variants.map((parts) => ({
          label: `${parts[0].label} + ${parts[1].label}`,
          fields: [f, g],
          parts,
          unordered: false,
          cost: 0,
        })),
      );
    }
  }
  const names = fields.flatMap((f, k) => (f.type === "first_name" || f.type === "last_name" ? [k] : []));
  if (names.length >= 2) {
    const parts = [strong[names[0]], strong[names[1]]];
    out.push({
      label: `names in either order(${parts.map((p) => p.label).join(", ")})`,
      fields: names.slice(0, 2),
      parts,
      unordered: true,
      cost: 0,
    });
  }
  return out;
}

function sampleOf(n: number, size: number): Int32Array {
  const sample = new Int32Array(Math.min(n, size));
  const step = n / sample.length;
  for (let s = 0; s < sample.length; s++) sample[s] = Math.floor(s * step);
  return sample;
}

/** Dense block ids for a rule's keys; singletons and blocks above `maxBlock` get -1. */
function blockIds(c: Candidate, n: number, maxBlock: number, scratch: Scratch) {
  const all = new Int32Array(n);
  for (let r = 0; r < n; r++) all[r] = r;
  const { ids, count } = groupRows(c.parts, c.unordered, all, scratch);
  const sizes = new Int32Array(count);
  for (const id of ids) if (id >= 0) sizes[id]++;
  const dense = new Int32Array(count).fill(-1);
  let kept = 0;
  let skipped = 0;
  for (let g = 0; g < count; g++) {
    if (sizes[g] > maxBlock) skipped++;
    else if (sizes[g] > 1) dense[g] = kept++;
  }
  const blocks = ids;
  for (let r = 0; r < n; r++) if (blocks[r] >= 0) blocks[r] = dense[blocks[r]];
  return { blocks, count: kept, skipped };
}

/**
 * Chooses blocking rules from the fields' types alone: every field's exact value, and pairs of
 * fields on coarse keys (phonetic names, first word, year, local part…), each refined to exact
 * keys when too coarse. Rules within the per-rule budget are taken greedily, preferring fields
 * that fewer chosen rules use yet (so a typo in any one field leaves other rules to find the
 * pair), then the cheaper rule; until the total budget or `maxRules` is reached.
 */
export function chooseBlockingRules(
  fields: readonly EncodedField[],
  options: BlockingOptions = {},
): BlockingRule[] {
  const n = fields[0]?.codes.length ?? 0;
  const perRule = options.maxPairsPerRule ?? Math.max(20_000, 4 * n);
  const total = options.maxPairs ?? Math.max(100_000, 20 * n);
  const maxBlock = options.maxBlockSize ?? 1000;
  const maxRules = Math.min(options.maxRules ?? 24, 32);
  const sample = sampleOf(n, 50_000);
  const scratch = newScratch(fields.reduce((max, f) => Math.max(max, f.values.length), 1));
  const scale = n / Math.max(1, sample.length);

  const feasible = new Map<string, Candidate>();
  for (const c of candidates(fields)) {
    const pairKey = c.unordered ? `swap:${c.fields}` : c.fields.join(",");
    if (feasible.has(pairKey)) continue;
    c.cost = estimateCost(c, sample, scale, maxBlock, scratch);
    if (c.cost > 0 && c.cost <= perRule) feasible.set(pairKey, c);
  }
  const usage = new Array<number>(fields.length).fill(0);
  const chosen: Candidate[] = [];
  const pool = [...feasible.values()];
  let spent = 0;
  while (chosen.length < maxRules && pool.length > 0) {
    const score = (c: Candidate): number => c.fields.reduce((s, f) => s + usage[f], 0);
    pool.sort((a, b) => score(a) - score(b) || a.cost - b.cost || a.fields.length - b.fields.length);
    const next = pool.shift()!;
    if (spent + next.cost > total) continue;
    spent += next.cost;
    chosen.push(next);
    for (const f of next.fields) usage[f]++;
  }
  return chosen.map((c) => {
    const { blocks, count, skipped } = blockIds(c, n, maxBlock, scratch);
    return {
      label: c.label,
      fields: c.fields,
      blocks,
      blockCount: count,
      estimatedPairs: Math.round(c.cost),
      skippedBlocks: skipped,
    };
  });
}
