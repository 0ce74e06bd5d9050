import { type Command, InvalidArgumentError, Option } from "commander";
import type { DedupeResult, PairScope } from "../../quality/matching/index.ts";
import { peakRssMb } from "../../runtime/peak-rss.ts";

const probability = (raw: string): number => {
  const value = Number(raw);
  if (!(value > 0 && value < 1))
    throw new InvalidArgumentError("threshold must be a probability between 0 and 1, e.g. 0.9");
  return value;
};

const positiveInteger = (name: string) => (raw: string) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 2) throw new InvalidArgumentError(`${name} must be an integer ≥ 2`);
  return value;
};

const columnList = (raw: string): string[] =>
  raw
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c.length > 0);

interface DedupeFileFlags {
  id: string;
  out: string;
  fields?: string;
  ignore?: string[];
  threshold?: number;
  scope: PairScope;
  termFrequency: boolean;
  maxBlockSize?: number;
  json?: boolean;
}

function progressReporter() {
  const started = performance.now();
  const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  let lastStage = "";
  let lastLine = 0;
  return {
    rows: (rows: number) =>
      process.stderr.write(`dedupe-file: read ${rows.toLocaleString("en")} rows (${elapsed()})\n`),
    stage: (stage: string, done: number, total: number) => {
      const now = performance.now();
      if (stage === lastStage && done < total && now - lastLine < 2000) return;
      lastStage = stage;
      lastLine = now;
      const share = total > 0 ? ` ${Math.round((100 * done) / total)}%` : "";
      process.stderr.write(`dedupe-file: ${stage}${share} (${elapsed()})\n`);
    },
  };
}

function summaryOf(result: DedupeResult, flags: DedupeFileFlags) {
  return {
    rows: result.stats.rows,
    comparisons: result.stats.comparisons,
    pairs: result.stats.pairs,
    clusters: result.stats.clusters,
    seconds: result.stats.seconds,
    threshold: result.threshold,
    fields: result.fields.map((f) => `${f.name}:${f.type}`),
    rules: result.rules.map((r) => r.label),
    peakRssMb: peakRssMb(),
    out: flags.out,
  };
}

/** `revline dedupe-file FILE --id COLUMN --out PAIRS.csv`: predicted duplicate pairs of a CSV file. */
export function registerDedupeFile(program: Command): void {
  program
    .command("dedupe-file")
    .description(
      "Find duplicate records in a CSV file (Fellegi–Sunter match weights learnt by EM) and write " +
        "left_id,right_id,probability for every predicted duplicate pair",
    )
    .argument("<file>", "input CSV with a header row")
    .requiredOption("--id <column>", "column holding each record's id (never compared)")
    .requiredOption("--out <file>", "output CSV of predicted pairs")
    .option(
      "--fields <list>",
      "columns to compare as NAME:TYPE,… (types: first_name, last_name, person_name, email, phone, date, " +
        "address, postcode, company, text, exact); default: every column, types inferred",
    )
    .option("--ignore <columns>", "columns never compared, e.g. a ground-truth label", columnList)
    .option("--threshold <p>", "minimum match probability of a duplicate pair (default 0.9)", probability)
    .addOption(
      new Option(
        "--scope <scope>",
        "pairs written: every pair in a predicted cluster, compared pairs in a cluster, or pairs above the threshold only",
      )
        .choices(["cluster", "compared", "threshold"])
        .default("cluster"),
    )
    .option("--no-term-frequency", "do not weigh agreement on rare names more than on common ones")
    .option(
      "--max-block-size <n>",
      "skip blocks with more records than this (default 1000)",
      positiveInteger("max-block-size"),
    )
    .option("--json", "print a JSON summary as the last line of stdout")
    .action(async (file: string, flags: DedupeFileFlags) => {
      const { dedupeFile, parseFieldSpecs } = await import("../../quality/matching/index.ts");
      const progress = progressReporter();
      let big = false;
      const result = await dedupeFile(file, flags.out, {
        idColumn: flags.id,
        fields: flags.fields === undefined ? undefined : parseFieldSpecs(flags.fields),
        ignore: flags.ignore,
        threshold: flags.threshold,
        scope: flags.scope,
        termFrequency: flags.termFrequency,
        blocking: { maxBlockSize: flags.maxBlockSize },
        // Called every 100,000 rows, so small files stay quiet.
        onRows: (rows) => {
          big = true;
          progress.rows(rows);
        },
        onProgress: (stage, done, total) => {
          if (big) progress.stage(stage, done, total);
        },
      });
      const { stats } = result;
      console.log(
        `Compared ${stats.comparisons.toLocaleString("en")} candidate pairs of ${stats.rows.toLocaleString("en")} rows; ` +
          `${stats.pairs.toLocaleString("en")} duplicate pairs in ${stats.clusters.toLocaleString("en")} clusters ` +
          `in ${stats.seconds.toFixed(2)} s → ${flags.out}`,
      );
      if (flags.json) console.log(JSON.stringify(summaryOf(result, flags)));
    });
}
