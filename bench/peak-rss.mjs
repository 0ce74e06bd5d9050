// Preloaded into a process the import bench runs (node --import bench/peak-rss.mjs …): reports
// the process's own peak resident memory on stderr as it exits. VmHWM, not getrusage's maxRSS,
// which on Linux keeps the parent's resident size from the fork (src/runtime/peak-rss.ts).
import { readFileSync } from "node:fs";

process.on("exit", () => {
  const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"))[1]);
  process.stderr.write(`PEAK_RSS_MB ${Math.round(kb / 1024)}\n`);
});
