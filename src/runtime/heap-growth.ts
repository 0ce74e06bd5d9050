import { setFlagsFromString } from "node:v8";

/**
 * How far V8 lets the heap grow past what survived its last full collection before the next one,
 * in percent. By default V8 picks up to 300 % (4×) when a program allocates fast and collects
 * cheaply — an import does both: ~50 MB live, but its batches' rows outlive the young generation,
 * so the heap climbed to ~200 MB of mostly garbage and the import's peak RSS wandered from 330 to
 * 445 MB at 1,000,000 contacts on PostgreSQL. At 100 % (2×) the same import peaks at ~240–250 MB
 * for the same CPU (npm run bench -- import; docs/imports.md).
 */
export const HEAP_GROWING_PERCENT = 100;

/**
 * Applies HEAP_GROWING_PERCENT to this process (V8 reads it at every full collection), unless
 * Node was started with its own `--heap-growing-percent` (`node --heap-growing-percent=300
 * bin/revline.mjs start`; Node refuses the flag in NODE_OPTIONS).
 */
export function limitHeapGrowth(given = process.execArgv): boolean {
  if (given.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg))) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
