import { createWriteStream } from "node:fs";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { systemActor } from "../../records/actor.ts";
import { localOrServer } from "../local-or-server.ts";

function filtersOf(list: string[] = []): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const item of list) {
    const at = item.indexOf("=");
    if (at < 1) throw new Error(`--filter: "${item}" is not field=value`);
    filters[item.slice(0, at)] = item.slice(at + 1);
  }
  return filters;
}

export async function runExportCommand(
  object: string,
  flags: { format: string; out?: string; filter?: string[] },
) {
  const filters = filtersOf(flags.filter);
  const target = (): Writable => (flags.out ? createWriteStream(flags.out) : process.stdout);
  await localOrServer({
    local: async (opened) => {
      const { exportFormat, exportRecords } = await import("../../ingest/index.ts");
      const { objectDef } = await import("../../model/registry.ts");
      const def = objectDef(object);
      const format = exportFormat(flags.format);
      const chunks = exportRecords(opened.database.db, systemActor(opened.workspace.id), def, format, {
        filters,
      });
      await pipeline(Readable.from(chunks), target());
    },
    server: async (lock) => {
      const url = new URL(`/api/exports/${object}`, lock.url);
      url.searchParams.set("format", flags.format);
      for (const [k, v] of Object.entries(filters)) url.searchParams.set(k, v);
      const response = await fetch(url, { headers: { authorization: `Bearer ${lock.apiKey}` } });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `${response.status} ${response.statusText}`);
      }
      await pipeline(Readable.fromWeb(response.body as never), target());
    },
  });
  if (flags.out) console.error(`Exported ${object} to ${flags.out}`);
}
