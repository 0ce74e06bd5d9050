import type { Command } from "commander";

interface ImportFlags {
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

/** `revline import FILE --preset NAME`: streams a file into the default workspace (see docs/imports.md). */
export function registerImport(program: Command): void {
  program
    .command("import")
    .description(
      "Import a CSV or JSON-lines export (HubSpot, Salesforce, Stripe, Zendesk, or generic with a mapping)",
    )
    .argument("[file]", "the file to import (omit with --resume)")
    .option(
      "--preset <name>",
      "hubspot-contacts, hubspot-companies, hubspot-deals, salesforce-…, stripe-…, zendesk-tickets or generic",
    )
    .option("--mapping <file>", "column-mapping JSON file for the generic preset")
    .option(
      "--object <object>",
      "object of a generic import without a mapping (columns named as its fields or their labels)",
    )
    .option("--source <name>", "source name stored on the records (generic preset)")
    .option("--format <format>", "csv or jsonl (default: from the file name)")
    .option(
      "--date-order <order>",
      "mdy or dmy: is 03/04/2026 March 4 or 3 April (default: what the file's dates show, else mdy)",
    )
    .option("--dry-run", "show the mapping and the first problems without writing anything")
    .option("--json", "print a JSON summary as the last line of stdout")
    .option("--resume <id>", "resume an interrupted import from its checkpoint")
    .action(async (file: string | undefined, flags: ImportFlags) => {
      const { runImportCommand } = await import("./import-run.ts");
      process.exitCode = await runImportCommand(file, flags);
    });
}
