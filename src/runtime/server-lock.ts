import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * PGlite lets one process open a data folder. The running server records where it listens and
 * a local admin key in a file beside the folder (mode 0600), so CLI commands can go through it.
 */
export interface ServerLock {
  pid: number;
  url: string;
  apiKey: string;
  dataDir: string;
}

export const lockPath = (dataDir: string): string =>
  join(dirname(dataDir), `${dataDir.split("/").pop()}.server.json`);

export function writeLock(lock: ServerLock): void {
  mkdirSync(dirname(lockPath(lock.dataDir)), { recursive: true });
  writeFileSync(lockPath(lock.dataDir), JSON.stringify(lock, null, 2), { mode: 0o600 });
}

export function removeLock(dataDir: string): void {
  rmSync(lockPath(dataDir), { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The server running on this data folder, if there is one (a stale file is removed). */
export function readLock(dataDir: string): ServerLock | undefined {
  const path = lockPath(dataDir);
  if (!existsSync(path)) return undefined;
  try {
    const lock = JSON.parse(readFileSync(path, "utf8")) as ServerLock;
    if (alive(lock.pid)) return lock;
  } catch {
    // unreadable: treat as stale
  }
  removeLock(dataDir);
  return undefined;
}
