import type { Command } from "commander";
import { type ArrForecast, arrBridgeTable } from "../../forecast/arr/arr-table.ts";
import type { periodForecastReport } from "../../forecast/index.ts";
import { callServer, localOrServer } from "../local-or-server.ts";

interface ForecastFlags {
  period?: string;
  by: string;
  json?: boolean;
  arr?: boolean;
  horizon?: string;
}

type Report = Awaited<ReturnType<typeof periodForecastReport>>;

const amount = (v: number | null | undefined) =>
  v === null || v === undefined ? "—" : Math.round(v).toLocaleString("en-US");

/** The period forecast as a table: one row per group, methods side by side, categories and the call. */
export function forecastTable(r: Report): string {
  const head = ["", "closed", "weighted", "stage conv.", "model", "commit", "best case", "pipeline", "call"];
  const rows = r.groups.map((g) => [
    g.label,
    amount(g.closed),
    amount(g.methods.weighted),
    amount(g.methods.stage_conversion),
    amount(g.methods.model),
    amount(g.categories.commit_total),
    amount(g.categories.best_case_total),
    amount(g.categories.pipeline),
    amount(g.call?.amount),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const model =
    r.model.method === "model"
      ? "win probabilities from the deal model"
      : `stage probabilities (fallback: ${r.model.reason})`;
  return [
    `Bookings forecast ${r.period} (${r.start} – ${r.end}), ${r.currency}, by ${r.by}; ${model}`,
    line(head),
    ...rows.map(line),
    `headline: ${r.headline_method}; commit and best case include closed`,
  ].join("\n");
}

/** `revline forecast --arr [--horizon 12]`: the ARR bridge from subscriptions and pipeline. */
async function printArrBridge(flags: ForecastFlags): Promise<void> {
  const query = { horizon: flags.horizon };
  const result = await localOrServer<ArrForecast>({
    local: async (opened) => {
      const { forecastArr, forecastDeals, parseArrQuery } = await import("../../forecast/index.ts");
      parseArrQuery(query);
      const forecast = await forecastDeals(opened.database.db, opened.workspace.id);
      return forecastArr(opened.database.db, opened.workspace.id, query, { forecast });
    },
    server: (lock) =>
      callServer(lock, "GET", `/api/forecast/arr?horizon=${encodeURIComponent(flags.horizon ?? "")}`),
  });
  console.log(flags.json ? JSON.stringify(result) : arrBridgeTable(result));
}

/** `revline forecast [--period 2026Q4] [--by owner] [--json]`. */
export function registerForecast(program: Command): void {
  program
    .command("forecast")
    .description(
      "Forecast a quarter's bookings per company, team or owner (weighted, stage conversion, deal model, calls)",
    )
    .option("--period <quarter>", "quarter, e.g. 2026Q4; default the current one")
    .option("--by <group>", "company, team or owner", "company")
    .option("--json", "print JSON (the last line of output)")
    .option(
      "--arr",
      "print the ARR bridge: contracted − expected churn + expected new and expansion, per month",
    )
    .option("--horizon <months>", "months of the ARR bridge, from the current one (1–36)", "12")
    .action(async (flags: ForecastFlags) => {
      if (flags.arr) return printArrBridge(flags);
      const query = { period: flags.period, by: flags.by };
      const params = new URLSearchParams(
        Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined),
      );
      const result = await localOrServer<Report>({
        local: async (opened) => {
          const { periodForecastReport } = await import("../../forecast/index.ts");
          return periodForecastReport(opened.database.db, opened.workspace.id, query);
        },
        server: (lock) => callServer(lock, "GET", `/api/forecast?${params}`),
      });
      console.log(flags.json ? JSON.stringify(result) : forecastTable(result));
    });
}
