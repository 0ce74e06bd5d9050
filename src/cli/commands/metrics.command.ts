import { type Command, Option } from "commander";
import type { MetricResult } from "../../metrics/index.ts";
import { callServer, localOrServer } from "../local-or-server.ts";

interface MetricsFlags {
  list?: boolean;
  from?: string;
  to?: string;
  grain: string;
  by?: string;
  filter?: string;
  records?: string;
  group?: string;
  json?: boolean;
  csv?: boolean;
}

/** `revline metrics KEY --from --to --grain month --by segment [--json|--csv]`, `revline metrics --list`. */
export function registerMetrics(program: Command): void {
  program
    .command("metrics")
    .description("Compute a KPI per period (and per group), or list the KPI registry")
    .argument("[key]", "KPI key, e.g. mrr, win_rate, nrr (see --list)")
    .option("--list", "list every KPI with its unit and owners")
    .option("--from <date>", "first day (YYYY-MM-DD); default 12 periods back")
    .option("--to <date>", "last day (YYYY-MM-DD); default today")
    .addOption(
      new Option("--grain <grain>", "period length")
        .choices(["day", "week", "month", "quarter", "year"])
        .default("month"),
    )
    .option("--by <dimension>", "slice by segment, region, owner, team, channel, …")
    .option("--filter <filter>", "dimension:value[|value][,dimension:value], e.g. segment:enterprise")
    .option("--records <period>", "list the records behind the value of this period (e.g. 2026-03)")
    .option("--group <value>", "with --records and --by: the group's value")
    .option("--json", "print JSON")
    .option("--csv", "print CSV")
    .action(async (key: string | undefined, flags: MetricsFlags) => {
      const format = await import("../../metrics/format-series.ts");
      if (flags.list || !key) {
        if (flags.json) {
          const { METRICS, describeMetric } = await import("../../metrics/index.ts");
          console.log(
            JSON.stringify(
              METRICS.map((m) => describeMetric(m)),
              null,
              2,
            ),
          );
        } else console.log(format.registryTable());
        return;
      }
      const query = {
        from: flags.from,
        to: flags.to,
        grain: flags.grain,
        by: flags.by,
        filter: flags.filter,
      };
      const params = new URLSearchParams(
        Object.entries({ ...query, period: flags.records, group: flags.group }).filter(
          (e): e is [string, string] => e[1] !== undefined,
        ),
      );
      if (flags.records) {
        const page = await localOrServer<{ records: Array<Record<string, unknown>>; total: number }>({
          local: async (opened) => {
            const { drillDown } = await import("../../metrics/index.ts");
            return drillDown(opened.database.db, opened.workspace.id, key, {
              ...query,
              period: flags.records!,
              group: flags.group,
            });
          },
          server: (lock) =>
            callServer(lock, "GET", `/api/metrics/${encodeURIComponent(key)}/records?${params}`),
        });
        if (flags.json) console.log(JSON.stringify(page, null, 2));
        else console.log(`${format.recordsTable(page.records)}\n${page.total} record(s)`);
        return;
      }
      const result = await localOrServer<MetricResult>({
        local: async (opened) => {
          const { computeMetric } = await import("../../metrics/index.ts");
          return computeMetric(opened.database.db, opened.workspace.id, key, query);
        },
        server: (lock) => callServer(lock, "GET", `/api/metrics/${encodeURIComponent(key)}?${params}`),
      });
      if (flags.json) console.log(JSON.stringify(result, null, 2));
      else if (flags.csv) process.stdout.write(format.seriesCsv(result));
      else console.log(format.seriesTable(result));
    });
}
