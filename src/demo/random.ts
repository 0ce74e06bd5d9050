import { seededRandom } from "../model/seeded-random.ts";

/**
 * A seeded pseudo-random source (mulberry32): the demo never calls Math.random, so one seed
 * and one `now` always give the same company. Each account draws from its own stream, seeded
 * from (seed, account number), so the data does not depend on how the work is chunked.
 */
export interface Random {
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks a key of `weights` with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** Exponential with the given mean. */
  exp(mean: number): number;
  /** Log-normal around `median`; `spread` is the σ of the log. */
  logNormal(median: number, spread: number): number;
  /** Poisson count with the given mean (small means only). */
  poisson(mean: number): number;
}

/**
 * A 32-bit seed from any parts: FNV-1a over their text, then MurmurHash3's finaliser, so
 * neighbouring accounts (…41, …42) get unrelated streams rather than correlated first draws.
 */
export function seedFrom(...parts: Array<string | number>): number {
  let hash = 0x811c9dc5;
  const text = parts.join("\u0000");
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export function createRandom(seed: number): Random {
  const next = seededRandom(seed);
  const random: Random = {
    float: next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted(weights) {
      const entries = Object.entries(weights) as Array<[keyof typeof weights, number]>;
      let total = 0;
      for (const [, w] of entries) total += w;
      let roll = next() * total;
      for (const [key, w] of entries) {
        roll -= w;
        if (roll < 0) return key;
      }
      return entries[entries.length - 1][0];
    },
    exp: (mean) => -mean * Math.log(1 - next()),
    logNormal(median, spread) {
      // Box–Muller from two uniforms.
      const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(spread * normal);
    },
    poisson(mean) {
      const limit = Math.exp(-mean);
      let count = 0;
      let product = next();
      while (product > limit) {
        count++;
        product *= next();
      }
      return count;
    },
  };
  return random;
}
