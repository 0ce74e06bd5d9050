// Entity resolution: accuracy on public data sets with ground truth (Febrl, Splink's fake_1000)
// next to two exact-match baselines computed in the same run, then throughput on synthetic
// contacts (DEDUPE_BENCH_ROWS, default 1,000,000) with injected typos and known duplicates.
import { existsSync } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import {
  type DedupeResult,
  dedupeFile,
  type RecordTable,
  readCsvColumns,
  SYNTHETIC_HEADER,
  syntheticContacts,
} from "../src/quality/matching/index.ts";
import { peakRssMb } from "../src/runtime/peak-rss.ts";

const DATA = "/work/shared/data/dedupe";

interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 of predicted pairs (record indices) against same-entity pairs. */
function score(pairs: Iterable<[number, number]>, entity: readonly string[]): Scores {
  const sizes = new Map<string, number>();
  for (const e of entity) sizes.set(e, (sizes.get(e) ?? 0) + 1);
  let truePairs = 0;
  for (const size of sizes.values()) truePairs += (size * (size - 1)) / 2;
  let predicted = 0;
  let correct = 0;
  for (const [a, b] of pairs) {
    predicted++;
    if (entity[a] === entity[b]) correct++;
  }
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = truePairs === 0 ? 0 : correct / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

const clean = (v: string): string => v.trim().toLowerCase().replace(/\s+/g, " ");

function groupPairs(keys: readonly (string | null)[], into: Set<number>, n: number): void {
  const groups = new Map<string, number[]>();
  keys.forEach((key, r) => {
    if (key === null) return;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  });
  for (const group of groups.values()) {
    if (group.length > 1000) continue;
    for (let a = 0; a < group.length; a++)
      for (let b = a + 1; b < group.length; b++) into.add(group[a] * n + group[b]);
  }
}

/**
 * Two baselines over the compared columns, values trimmed, lowercased, spaces collapsed:
 * "all fields" — every column equal (a spreadsheet's "remove duplicates");
 * "unique key" — equal on any one column whose non-empty values are at least half distinct
 *   (the "same email or same phone or same id" rule of CRM tools).
 */
function baselines(columns: string[][], entity: readonly string[]) {
  const n = entity.length;
  const all = new Set<number>();
  groupPairs(
    entity.map((_, r) => {
      const values = columns.map((c) => clean(c[r]));
      return values.every((v) => v === "") ? null : values.join("\u0000");
    }),
    all,
    n,
  );
  const keyed = new Set<number>();
  for (const column of columns) {
    const filled = column.map(clean).map((v) => (v === "" ? null : v));
    const present = filled.filter((v) => v !== null);
    if (new Set(present).size >= 0.5 * present.length) groupPairs(filled, keyed, n);
  }
  const asPairs = (set: Set<number>) =>
    [...set].map((key): [number, number] => [Math.floor(key / n), key % n]);
  return { allFields: score(asPairs(all), entity), uniqueKey: score(asPairs(keyed), entity) };
}

const fmt = (x: number): string => x.toFixed(4);
const line = (name: string, s: Scores): string =>
  `${name} P ${fmt(s.precision)} R ${fmt(s.recall)} F1 ${fmt(s.f1)}`;

function enginePairs(result: DedupeResult, ids: readonly string[]): [number, number][] {
  const index = new Map(ids.map((id, r) => [id, r]));
  return result.pairs.map((p): [number, number] => [index.get(p.left)!, index.get(p.right)!]);
}

function comparedColumns(table: RecordTable, skip: readonly string[]): string[][] {
  return table.headers.flatMap((h, c) => (skip.includes(h) ? [] : [table.columns[c]]));
}

async function dataSet(dir: string, file: string, idColumn: string, truth: string | null) {
  const path = join(DATA, file);
  const table = await readCsvColumns(path);
  const ids = table.columns[table.headers.indexOf(idColumn)];
  const entity =
    truth === null ? ids.map((id) => id.split("-")[1]) : table.columns[table.headers.indexOf(truth)];
  const ignore = truth === null ? [] : [truth];
  const base = baselines(comparedColumns(table, [idColumn, ...ignore]), entity);
  const result = await dedupeFile(path, join(dir, `${file}.pairs.csv`), { idColumn, ignore });
  const engine = score(enginePairs(result, ids), entity);
  console.log(
    `${file.padEnd(14)} rows ${String(ids.length).padStart(6)}  compared ${String(result.stats.comparisons).padStart(7)}  ` +
      `${line("engine", engine)}  |  ${line("all-fields", base.allFields)}  |  ${line("unique-key", base.uniqueKey)}  ` +
      `(${result.stats.seconds.toFixed(2)} s)`,
  );
  return {
    rows: ids.length,
    comparisons: result.stats.comparisons,
    precision: +fmt(engine.precision),
    recall: +fmt(engine.recall),
    f1: +fmt(engine.f1),
    allFieldsBaselineF1: +fmt(base.allFields.f1),
    uniqueKeyBaselineF1: +fmt(base.uniqueKey.f1),
  };
}

async function writeSynthetic(path: string, rows: number): Promise<void> {
  const file = await open(path, "w");
  await file.write(stringify([SYNTHETIC_HEADER]));
  let chunk: string[][] = [];
  for (const row of syntheticContacts(rows)) {
    chunk.push(row);
    if (chunk.length === 50_000) {
      await file.write(stringify(chunk));
      chunk = [];
    }
  }
  await file.write(stringify(chunk));
  await file.close();
}

async function throughput(dir: string, rows: number) {
  const path = join(dir, "contacts.csv");
  const generated = performance.now();
  await writeSynthetic(path, rows);
  console.log(
    `synthetic: wrote ${rows.toLocaleString("en")} contacts in ${((performance.now() - generated) / 1000).toFixed(1)} s`,
  );
  let peakRss = process.memoryUsage().rss;
  const sample = (): void => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const started = performance.now();
  const result = await dedupeFile(path, join(dir, "contacts.pairs.csv"), {
    idColumn: "contact_id",
    ignore: ["entity"],
    onRows: sample,
    onProgress: sample,
  });
  const seconds = (performance.now() - started) / 1000;
  sample();
  const maxRssMb = peakRssMb();
  // Scored after the timed run, so the baselines' memory is not counted in it.
  const table = await readCsvColumns(path);
  const ids = table.columns[0];
  const entity = table.columns[table.headers.indexOf("entity")];
  const engine = score(enginePairs(result, ids), entity);
  const base = baselines(comparedColumns(table, ["contact_id", "entity"]), entity);
  console.log(`synthetic: fields ${result.fields.map((f) => `${f.name}:${f.type}`).join(", ")}`);
  console.log(
    `synthetic: ${result.rules.length} blocking rules: ${result.rules.map((r) => r.label).join("; ")}`,
  );
  console.log(
    `synthetic: ${rows.toLocaleString("en")} rows, ${result.stats.comparisons.toLocaleString("en")} comparisons, ` +
      `${result.stats.pairs.toLocaleString("en")} pairs; wall ${seconds.toFixed(1)} s ` +
      `(stages ${JSON.stringify(result.stats.stages)}, the rest reading and writing CSV); ` +
      `peak RSS sampled ${Math.round(peakRss / 2 ** 20)} MB, maxRSS ${maxRssMb} MB`,
  );
  console.log(
    `synthetic: ${line("engine", engine)}  |  ${line("all-fields", base.allFields)}  |  ${line("unique-key", base.uniqueKey)}`,
  );
  return {
    rows,
    comparisons: result.stats.comparisons,
    seconds: +seconds.toFixed(1),
    peakRssMb: Math.round(peakRss / 2 ** 20),
    maxRssMb,
    precision: +fmt(engine.precision),
    recall: +fmt(engine.recall),
    f1: +fmt(engine.f1),
    allFieldsBaselineF1: +fmt(base.allFields.f1),
    uniqueKeyBaselineF1: +fmt(base.uniqueKey.f1),
  };
}

export default async function (): Promise<Record<string, unknown>> {
  const dir = await mkdtemp(join(tmpdir(), "revline-dedupe-bench-"));
  const summary: Record<string, unknown> = {};
  try {
    if (existsSync(DATA)) {
      summary.febrl1 = await dataSet(dir, "febrl1.csv", "rec_id", null);
      summary.febrl2 = await dataSet(dir, "febrl2.csv", "rec_id", null);
      summary.fake_1000 = await dataSet(dir, "fake_1000.csv", "unique_id", "cluster");
    } else {
      console.log(`(${DATA} missing: accuracy part skipped)`);
    }
    summary.synthetic = await throughput(dir, Number(process.env.DEDUPE_BENCH_ROWS ?? 1_000_000));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return summary;
}
