import type { SourcePriority } from "../../ingest/index.ts";
import type { ObjectDef } from "../../model/object-def.ts";
import { currentSource, type Row } from "../../records/index.ts";

/** Why a field kept the value it did. */
export type SurvivorRule = "chosen" | "only_value" | "source_priority" | "most_recent" | "survivor";

export interface FieldChoice {
  field: string;
  record_id: string;
  value: unknown;
  source: string;
  rule: SurvivorRule;
}

export interface Survivorship {
  /** The fields of the survivor that change. */
  patch: Row;
  choices: FieldChoice[];
}

/** Fields a merge decides; computed, immutable and provenance fields stay the survivor's own. */
export function mergeableFields(def: ObjectDef): string[] {
  return Object.entries(def.fields)
    .filter(([, f]) => !f.readOnly && !f.immutable)
    .map(([key]) => key);
}

const filled = (value: unknown): boolean =>
  value !== null &&
  value !== undefined &&
  value !== "" &&
  !(typeof value === "object" && !Array.isArray(value) && Object.keys(value as object).length === 0);

function sourceRank(priority: SourcePriority, object: string, field: string, source: string): number {
  const list = priority.fields?.[`${object}.${field}`] ?? priority.fields?.[field] ?? priority.default ?? [];
  const i = list.indexOf(source);
  return i < 0 ? list.length : i;
}

const time = (value: unknown): number => (value ? new Date(value as string).getTime() : 0);

/**
 * The surviving value of every field, per field: the value the user chose (`overrides`: field →
 * the record to take it from); else, among the records that have a value (most complete), the
 * one whose source ranks highest in the workspace's source priority (as imports decide), then
 * the most recently set one (its field provenance time, else the record's last update), then
 * the survivor's own.
 */
export function chooseSurvivingValues(
  def: ObjectDef,
  records: readonly Row[],
  survivorId: string,
  overrides: Readonly<Record<string, string>>,
  priority: SourcePriority,
): Survivorship {
  const survivor = records.find((r) => r.id === survivorId);
  if (!survivor) throw new Error(`survivor ${survivorId} is not among the merged records`);
  const patch: Row = {};
  const choices: FieldChoice[] = [];
  for (const field of mergeableFields(def)) {
    const chosenId = overrides[field];
    let winner: Row;
    let rule: SurvivorRule;
    if (chosenId !== undefined) {
      winner = records.find((r) => r.id === chosenId)!;
      rule = "chosen";
    } else {
      const candidates = records.filter((r) => filled(r[field]));
      if (candidates.length === 0) continue;
      const ranked = candidates
        .map((r) => ({ r, rank: sourceRank(priority, def.key, field, currentSource(r, field).source) }))
        .sort(
          (a, b) =>
            a.rank - b.rank ||
            time(currentSource(b.r, field).at ?? b.r.updated_at) -
              time(currentSource(a.r, field).at ?? a.r.updated_at) ||
            Number(b.r.id === survivorId) - Number(a.r.id === survivorId),
        );
      winner = ranked[0].r;
      const distinct = new Set(candidates.map((c) => JSON.stringify(c[field])));
      rule =
        distinct.size === 1
          ? winner.id === survivorId || filled(survivor[field])
            ? "survivor"
            : "only_value"
          : candidates.length === 1
            ? "only_value"
            : ranked[0].rank < ranked[1].rank
              ? "source_priority"
              : "most_recent";
      if (distinct.size === 1 && filled(survivor[field])) winner = survivor;
    }
    const value = winner[field] ?? null;
    choices.push({ field, record_id: winner.id, value, source: currentSource(winner, field).source, rule });
    if (JSON.stringify(value) !== JSON.stringify(survivor[field] ?? null)) patch[field] = value;
  }
  return { patch, choices };
}

/** The record kept by default: the most complete one, the oldest on a tie. */
export function defaultSurvivor(def: ObjectDef, records: readonly Row[]): Row {
  const fields = mergeableFields(def);
  const score = (r: Row) => fields.filter((f) => filled(r[f])).length;
  return [...records].sort(
    (a, b) => score(b) - score(a) || time(a.created_at) - time(b.created_at) || (a.id < b.id ? -1 : 1),
  )[0];
}
