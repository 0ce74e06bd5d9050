import cliProgress from "cli-progress";

/**
 * A progress bar on stderr (rows done, rate, ETA); silent when stderr is not a terminal. By
 * default value and total count rows; `byBytes`: they count a file's bytes (its share read, and
 * the ETA from the bytes' rate) and `update` is given the rows done besides.
 */
export function progressBar(
  title: string,
  /** rowsBefore: rows done before this run (a resumed import), left out of its rate; stream: tests. */
  options: { byBytes?: boolean; rowsBefore?: number; stream?: NodeJS.WritableStream } = {},
) {
  const format = options.byBytes
    ? `${title} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}`
    : `${title} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s | ETA {eta_formatted} | {stage}`;
  const bar = new cliProgress.SingleBar(
    {
      format,
      stream: options.stream ?? process.stderr,
      noTTYOutput: options.stream !== undefined,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const t0 = performance.now();
  const before = options.rowsBefore ?? 0;
  return {
    update(value: number, total: number, stage = "", rows = value) {
      const seconds = Math.max((performance.now() - t0) / 1000, 0.001);
      const rate = Math.round((rows - before) / seconds).toLocaleString("en");
      const payload = { stage, rate, rows: rows.toLocaleString("en") };
      if (!started) {
        bar.start(total, value, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(value, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
