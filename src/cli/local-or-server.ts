import { type Config, loadConfig } from "../config.ts";
import type { Opened } from "../runtime/bootstrap.ts";
import { readLock, type ServerLock } from "../runtime/server-lock.ts";

/**
 * Runs a CLI command either directly on the database or, when a server already has the
 * embedded data folder open (PGlite allows one process), through that server's API.
 */
export async function localOrServer<T>(
  handlers: {
    local: (opened: Opened, config: Config) => Promise<T>;
    server: (lock: ServerLock) => Promise<T>;
  },
  /** What the command does with the database when it opens it itself (see embeddedSettings). */
  openedBy: "command" | "import" = "command",
): Promise<T> {
  const config = loadConfig();
  const lock = config.databaseUrl ? undefined : readLock(config.dataDir);
  if (lock) {
    console.error(
      `revline: a server (pid ${lock.pid}) has ${config.dataDir} open; going through it at ${lock.url}`,
    );
    return handlers.server(lock);
  }
  const { bootstrap } = await import("../runtime/bootstrap.ts");
  const opened = await bootstrap(config, openedBy);
  try {
    return await handlers.local(opened, config);
  } finally {
    await opened.database.close();
  }
}

/** Calls the running server's API with its local admin key; errors carry the server's message. */
export async function callServer<T>(
  lock: ServerLock,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(new URL(path, lock.url), {
    method,
    headers: {
      authorization: `Bearer ${lock.apiKey}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(json?.error?.message ?? `${response.status} ${response.statusText}`);
  return json as T;
}
