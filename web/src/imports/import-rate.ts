/** A progress reading of a running import: rows and bytes done at a time (ms). */
export interface ProgressReading {
  at: number;
  rows: number;
  bytes: number;
}

export interface Rate {
  /** Rows per second over the readings kept, or null before two readings differ in time. */
  rowsPerSecond: number | null;
  /** Seconds left at the bytes-per-second rate, or null when unknown (no progress yet). */
  etaSeconds: number | null;
}

/** Keeps the readings of the last `windowMs` (at least two), so the rate follows the current speed. */
export function addReading(readings: ProgressReading[], next: ProgressReading, windowMs = 10_000) {
  const kept = [...readings, next].filter((r) => next.at - r.at <= windowMs);
  return kept.length >= 2 ? kept : [...readings.slice(-1), next];
}

/**
 * Rows per second and time left from the first and last readings: rows over elapsed time, and
 * the bytes still to read over the bytes read per second (rows differ in size, bytes do not lie).
 */
export function rateOf(readings: ProgressReading[], fileSize: number): Rate {
  if (readings.length < 2) return { rowsPerSecond: null, etaSeconds: null };
  const first = readings[0];
  const last = readings[readings.length - 1];
  const seconds = (last.at - first.at) / 1000;
  if (seconds <= 0) return { rowsPerSecond: null, etaSeconds: null };
  const rowsPerSecond = (last.rows - first.rows) / seconds;
  const bytesPerSecond = (last.bytes - first.bytes) / seconds;
  const left = Math.max(0, fileSize - last.bytes);
  return {
    rowsPerSecond,
    etaSeconds: bytesPerSecond > 0 ? left / bytesPerSecond : left === 0 ? 0 : null,
  };
}

/** "45 s", "3 min 20 s", "1 h 05 min": a duration for people. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}
