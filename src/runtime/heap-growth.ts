import { setFlagsFromString } from "node:v8";

/**
 * How far V8 lets the heap grow past what survived its last full collection before the next one,
 * in percent, while an import runs. By default V8 picks up to 300 % (4×) when a program allocates
 * fast and collects cheaply — an import does both: ~50 MB live, but its batches' rows outlive the
 * young generation, so the heap climbed to ~200 MB of mostly garbage and the import's peak RSS
 * wandered from 330 to 445 MB at 1,000,000 contacts on PostgreSQL. At 100 % (2×) the same import
 * peaks at ~240–250 MB for the same CPU (npm run bench -- import; docs/imports.md). Only while
 * imports run: for the server's own requests the cap cost up to ~15 % of the throughput of a
 * filtered, sorted list (npm run bench -- api), so V8's choice (0) comes back after the last one.
 */
export const HEAP_GROWING_PERCENT = 100;

type SetFlags = (flags: string) => void;

let running = 0;

/**
 * Runs `work` with the heap growth capped (V8 reads the flag at every full collection), unless
 * Node was started with its own `--heap-growing-percent` (`node --heap-growing-percent=300
 * bin/revline.mjs start`; Node refuses the flag in NODE_OPTIONS). Overlapping calls share the cap.
 */
export async function withHeapGrowthCap<T>(
  work: () => Promise<T>,
  options: { execArgv?: string[]; setFlags?: SetFlags } = {},
): Promise<T> {
  const setFlags = options.setFlags ?? setFlagsFromString;
  const fixed = (options.execArgv ?? process.execArgv).some((arg) =>
    /^--heap[-_]growing[-_]percent\b/.test(arg),
  );
  if (fixed) return work();
  if (running++ === 0) setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  try {
    return await work();
  } finally {
    if (--running === 0) setFlags("--heap-growing-percent=0");
  }
}
