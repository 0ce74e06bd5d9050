import type { Command } from "commander";

/** `revline export OBJECT --format csv|jsonl [--out FILE]`: streams records out with the list filters. */
export function registerExport(program: Command): void {
  program
    .command("export")
    .description("Export an object's records as CSV or JSON lines (the generic preset imports them back)")
    .argument("<object>", "object, e.g. contacts or price-book-entries")
    .option("--format <format>", "csv or jsonl", "csv")
    .option("--out <file>", "write to this file instead of standard output")
    .option(
      "--filter <field=value...>",
      "list filters, e.g. lifecycle_stage=customer 'created_at[gte]=2026-01-01'",
    )
    .action(async (object: string, flags: { format: string; out?: string; filter?: string[] }) => {
      const { runExportCommand } = await import("./export-run.ts");
      await runExportCommand(object, flags);
    });
}
