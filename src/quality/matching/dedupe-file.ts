import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify/sync";
import { AppError } from "../../errors/app-error.ts";
import { type DedupeOptions, type DedupeResult, dedupeRecords, type RecordTable } from "./dedupe-records.ts";

/**
 * Reads a CSV file into columns. Header names and values are trimmed (Febrl files put a space
 * after every comma); short rows are padded with empty values.
 */
export async function readCsvColumns(path: string, onRows?: (rows: number) => void): Promise<RecordTable> {
  const parser = createReadStream(path).pipe(
    parse({ bom: true, trim: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: true }),
  );
  let headers: string[] | null = null;
  let columns: string[][] = [];
  let rows = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    if (headers === null) {
      headers = record.map((h) => h.trim());
      const seen = new Set<string>();
      for (const h of headers) {
        if (seen.has(h))
          throw new AppError("validation_failed", `${path}: column "${h}" appears twice`, { field: h });
        seen.add(h);
      }
      columns = headers.map(() => []);
      continue;
    }
    for (let c = 0; c < columns.length; c++) columns[c].push(record[c] ?? "");
    rows++;
    if (onRows && rows % 100_000 === 0) onRows(rows);
  }
  if (headers === null) throw new AppError("validation_failed", `${path} is empty: expected a header row`);
  return { headers, columns };
}

/** Writes `left_id,right_id,probability` rows, streaming in chunks. */
export async function writePairsCsv(path: string, result: DedupeResult): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, "drain");
  };
  await write(stringify([["left_id", "right_id", "probability"]]));
  const chunk = 10_000;
  for (let start = 0; start < result.pairs.length; start += chunk) {
    const rows = result.pairs
      .slice(start, start + chunk)
      .map((p) => [p.left, p.right, Number(p.probability.toFixed(6)).toString()]);
    await write(stringify(rows));
  }
  out.end();
  await once(out, "finish");
}

/** Reads a CSV file, finds its duplicate records and writes the predicted pairs to `outPath`. */
export async function dedupeFile(
  inputPath: string,
  outPath: string,
  options: DedupeOptions & { onRows?: (rows: number) => void },
): Promise<DedupeResult> {
  const table = await readCsvColumns(inputPath, options.onRows);
  const result = dedupeRecords(table, options);
  await writePairsCsv(outPath, result);
  return result;
}
