// Preloaded into a process the import bench runs (node --import bench/peak-rss.mjs …): reports
// the process's own peak resident memory on stderr as it exits.
process.on("exit", () => {
  process.stderr.write(`PEAK_RSS_MB ${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
});
