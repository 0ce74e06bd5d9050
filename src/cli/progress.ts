import cliProgress from "cli-progress";

/** A progress bar on stderr (rows done, rate, ETA); silent when stderr is not a terminal. */
export function progressBar(title: string) {
  const bar = new cliProgress.SingleBar(
    {
      format: `${title} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s | ETA {eta_formatted} | {stage}`,
      stream: process.stderr,
      noTTYOutput: false,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const t0 = performance.now();
  return {
    update(value: number, total: number, stage = "") {
      const rate = Math.round(value / Math.max((performance.now() - t0) / 1000, 0.001));
      if (!started) {
        bar.start(total, value, { stage, rate });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(value, { stage, rate });
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
