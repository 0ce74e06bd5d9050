import { openAsBlob, readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { systemActor } from "../../records/actor.ts";
import type { ServerLock } from "../../runtime/server-lock.ts";
import { callServer, localOrServer } from "../local-or-server.ts";
import { progressBar } from "../progress.ts";

interface Flags {
  preset?: string;
  mapping?: string;
  object?: string;
  source?: string;
  format?: string;
  dateOrder?: string;
  dryRun?: boolean;
  json?: boolean;
  resume?: string;
}

type Summary = Record<string, any>;

/** Progress on stderr: a bar on a terminal, one line per committed batch otherwise (logs, tests). */
function reporter(id: string, rowsBefore: number) {
  const bar = process.stderr.isTTY ? progressBar(`Importing ${id}`, { byBytes: true, rowsBefore }) : null;
  return {
    update(rows: number, bytes: number, size: number) {
      if (bar) bar.update(bytes, Math.max(size, 1), "", rows);
      else process.stderr.write(`import ${id}: ${rows} rows committed\n`);
    },
    stop: () => bar?.stop(),
  };
}

function printSummary(summary: Summary, json?: boolean): number {
  const line = (label: string, n: number) =>
    console.log(`${label.padEnd(10)} ${Number(n).toLocaleString("en")}`);
  console.log(`Import ${summary.id} (${summary.preset}, ${summary.file_name}): ${summary.status}`);
  const encoding = summary.encoding
    ? `${summary.encoding}, ${JSON.stringify(summary.delimiter)}-separated, `
    : "";
  console.log(`read as   ${encoding}dates ${summary.date_order === "dmy" ? "day" : "month"} first`);
  line("rows", summary.rows);
  for (const key of ["created", "updated", "unchanged", "rejected", "deferred", "resolved"])
    line(key, summary[key]);
  if (summary.rejected > 0)
    console.log(`Rejected rows with reasons: GET /api/imports/${summary.id}/rejected.csv`);
  if (summary.error) console.log(`Error: ${summary.error}`);
  if (json) console.log(JSON.stringify(summary));
  return summary.status === "completed" ? 0 : 1;
}

function readMapping(path?: string): unknown {
  if (!path) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`--mapping: ${path} is not a readable JSON file (${(error as Error).message})`);
  }
}

async function viaServer(lock: ServerLock, file: string | undefined, flags: Flags): Promise<Summary> {
  const headers = { authorization: `Bearer ${lock.apiKey}` };
  let summary: Summary;
  if (flags.resume) summary = await callServer<Summary>(lock, "POST", `/api/imports/${flags.resume}/resume`);
  else {
    const form = new FormData();
    form.set("preset", flags.preset!);
    const mapping = readMapping(flags.mapping);
    if (mapping !== undefined) form.set("mapping", JSON.stringify(mapping));
    for (const key of ["object", "source", "format"] as const) if (flags[key]) form.set(key, flags[key]!);
    if (flags.dateOrder) form.set("date_order", flags.dateOrder);
    if (flags.dryRun) form.set("dry_run", "true");
    form.set("file", await openAsBlob(resolve(file!)), basename(file!));
    const response = await fetch(new URL("/api/imports", lock.url), { method: "POST", headers, body: form });
    summary = (await response.json()) as Summary;
    if (!response.ok) throw new Error(summary?.error?.message ?? `${response.status} ${response.statusText}`);
    if (flags.dryRun) return summary;
  }
  const progress = reporter(summary.id, summary.rows ?? 0);
  try {
    while (summary.status === "queued" || summary.status === "running") {
      await new Promise((r) => setTimeout(r, 500));
      summary = await callServer<Summary>(lock, "GET", `/api/imports/${summary.id}`);
      progress.update(summary.rows, summary.bytes_done, summary.file_size);
    }
  } finally {
    progress.stop();
  }
  return summary;
}

export async function runImportCommand(file: string | undefined, flags: Flags): Promise<number> {
  if (!flags.resume && (!file || !flags.preset))
    throw new Error("give a FILE and --preset NAME, or --resume ID");
  const result = await localOrServer<Summary>(
    {
      server: (lock) => viaServer(lock, file, flags),
      local: async (opened) => {
        const ingest = await import("../../ingest/index.ts");
        const db = opened.database.db;
        const actor = systemActor(opened.workspace.id);
        if (flags.dryRun) {
          const preset = ingest.presetByName(flags.preset!, {
            mapping: readMapping(flags.mapping),
            object: flags.object,
            source: flags.source,
          });
          const path = resolve(file!);
          const report = await ingest.dryRun(path, ingest.formatOf(path, flags.format), preset, {
            dateOrder: flags.dateOrder,
          });
          return report as unknown as Summary;
        }
        let importId = flags.resume;
        if (!importId) {
          const { importRow } = await ingest.startImport(db, actor, {
            path: resolve(file!),
            preset: flags.preset!,
            mapping: readMapping(flags.mapping),
            object: flags.object,
            source: flags.source,
            format: flags.format === "csv" || flags.format === "jsonl" ? flags.format : undefined,
            dateOrder: flags.dateOrder,
          });
          importId = importRow.id;
        }
        const importRow = await ingest.getImport(db, actor.workspaceId, importId);
        if (importRow.status === "completed") return ingest.importSummary(importRow);
        const jobId = await ingest.importJobId(db, actor.workspaceId, importId);
        const job = jobId === undefined ? null : await ingest.takeOverJob(db, actor.workspaceId, jobId);
        if (!job)
          throw new Error(`import ${importId} is running in another process; it goes on from its checkpoint`);
        process.stderr.write(
          `Import ${importId} started (after an interruption: revline import --resume ${importId})\n`,
        );
        const progress = reporter(importId, Number(importRow.rows_done));
        try {
          await ingest
            .runImportJob(db, job, (p) => progress.update(p.rows, p.bytes, p.size))
            .catch(() => undefined);
        } finally {
          progress.stop();
        }
        return ingest.importSummary(await ingest.getImport(db, actor.workspaceId, importId));
      },
    },
    flags.dryRun ? "command" : "import",
  );
  if (flags.dryRun) {
    console.log(JSON.stringify(result, null, flags.json ? undefined : 2));
    return 0;
  }
  return printSummary(result, flags.json);
}
