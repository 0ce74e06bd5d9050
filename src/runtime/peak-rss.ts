import { readFileSync } from "node:fs";

/**
 * This process's own peak resident memory, in MB. On Linux, getrusage's maxRSS (Node's
 * `process.resourceUsage().maxRSS`) survives exec: a process started by a big parent reports the
 * parent's resident size at the fork if its own peak is lower (a bench holding 440 MB made every
 * import it ran "peak" at 440 MB). /proc/self/status's VmHWM is the peak of this program alone.
 */
export function peakRssMb(status = readProcStatus()): number {
  const hwm = status === undefined ? undefined : /^VmHWM:\s+(\d+) kB/m.exec(status);
  const kb = hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS;
  return Math.round(kb / 1024);
}

function readProcStatus(): string | undefined {
  try {
    return readFileSync("/proc/self/status", "utf8");
  } catch {
    return undefined; // not Linux
  }
}
