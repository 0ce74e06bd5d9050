import type { Command } from "commander";
import { callServer, localOrServer } from "../local-or-server.ts";

interface QualityFlags {
  object?: string;
  worst: string;
  json?: boolean;
}

interface Summary {
  data: Array<{
    object: string;
    label: string;
    records: number;
    score: number | null;
    buckets: Array<{ label: string; count: number }>;
    reasons: Array<{ code: string; count: number; penalty: number }>;
  }>;
}
interface Worst {
  data: Array<{ id: string; title: string; score: number; reasons: Array<{ message: string }> }>;
}

function report(summary: Summary, worst: Worst | null): string {
  const lines: string[] = [];
  for (const o of summary.data) {
    const buckets = o.buckets.map((b) => `${b.label} ${b.count}`).join(" · ");
    lines.push(`${o.label}: score ${o.score ?? "—"} over ${o.records} records (${buckets})`);
    for (const r of o.reasons.slice(0, 10)) {
      lines.push(`  ${String(r.count).padStart(8)}  ${r.code.padEnd(28)} −${r.penalty}`);
    }
  }
  if (worst) {
    lines.push("", "Worst records:");
    for (const r of worst.data) {
      lines.push(`  ${String(r.score).padStart(3)}  ${r.id}  ${r.title}`);
      for (const reason of r.reasons) lines.push(`         ${reason.message}`);
    }
  }
  return lines.join("\n");
}

/** `revline quality [--object contacts] [--worst 20] [--json]`: the data-quality report. */
export function registerQuality(program: Command): void {
  program
    .command("quality")
    .description("Score every contact and account (only those written since the last run) and report")
    .option("--object <object>", "only this object (contacts or accounts), with its worst records")
    .option("--worst <n>", "how many worst records to list with --object", "20")
    .option("--json", "print JSON")
    .action(async (flags: QualityFlags) => {
      const worstCount = Number(flags.worst);
      if (!Number.isInteger(worstCount) || worstCount < 1 || worstCount > 500)
        throw new Error("--worst: must be a whole number from 1 to 500");
      const result = await localOrServer<{ summary: Summary; worst: Worst | null }>({
        local: async (opened) => {
          const q = await import("../../quality/validation/index.ts");
          const db = opened.database.db;
          const defs = flags.object ? [q.qualityObject(flags.object)] : q.QUALITY_OBJECTS;
          for (const def of defs) {
            const t0 = performance.now();
            const { scored } = await q.refreshScores(db, opened.workspace.id, def);
            const seconds = (performance.now() - t0) / 1000;
            console.error(`revline: ${def.key}: scored ${scored} record(s) in ${seconds.toFixed(1)} s`);
          }
          const summary = { data: await q.qualitySummary(db, opened.workspace.id, defs) };
          const worst = flags.object
            ? await q.listRecordQuality(db, opened.workspace.id, defs[0], { limit: worstCount })
            : null;
          return { summary, worst };
        },
        server: async (lock) => {
          const summary = await callServer<Summary>(lock, "GET", "/api/quality/summary");
          if (!flags.object) return { summary, worst: null };
          const object = encodeURIComponent(flags.object);
          const worst = await callServer<Worst>(lock, "GET", `/api/quality/${object}?limit=${worstCount}`);
          return { summary: { data: summary.data.filter((o) => o.object === flags.object) }, worst };
        },
      });
      console.log(flags.json ? JSON.stringify(result, null, 2) : report(result.summary, result.worst));
    });
}
