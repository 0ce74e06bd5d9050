import type { ApiRecord } from "../api-client.ts";
import type { FieldMeta } from "../meta.types.ts";
import type { ClusterPair, FieldEvidence } from "./duplicates.types.ts";

const filled = (value: unknown): boolean =>
  value !== null &&
  value !== undefined &&
  value !== "" &&
  !(typeof value === "object" && !Array.isArray(value) && Object.keys(value as object).length === 0);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields a merge chooses (as the server: not computed, not immutable), differing ones first. */
export function mergeFields(fields: readonly FieldMeta[], records: readonly ApiRecord[]): FieldMeta[] {
  const choosable = fields.filter((f) => !f.readOnly && !f.immutable);
  const differs = (f: FieldMeta) => records.some((r) => !same(r[f.name], records[0]?.[f.name]));
  return [...choosable.filter(differs), ...choosable.filter((f) => !differs(f))];
}

/** Whether the records disagree on a field (an empty value against a value counts). */
export const differs = (records: readonly ApiRecord[], field: string): boolean =>
  records.some((r) => !same(r[field], records[0]?.[field]));

/** The record kept by default, as the server suggests it: the most complete, the oldest on a tie. */
export function suggestedSurvivor(fields: readonly FieldMeta[], records: readonly ApiRecord[]): string {
  const choosable = fields.filter((f) => !f.readOnly && !f.immutable);
  const score = (r: ApiRecord) => choosable.filter((f) => filled(r[f.name])).length;
  return [...records].sort(
    (a, b) =>
      score(b) - score(a) ||
      String(a.created_at ?? "").localeCompare(String(b.created_at ?? "")) ||
      a.id.localeCompare(b.id),
  )[0].id;
}

/**
 * The `fields` of a merge request: only the choices that differ from what the survivor holds
 * (other fields follow the server's survivorship rules).
 */
export function fieldOverrides(
  records: readonly ApiRecord[],
  survivorId: string,
  choices: Readonly<Record<string, string>>,
): Record<string, string> {
  const survivor = records.find((r) => r.id === survivorId);
  const out: Record<string, string> = {};
  for (const [field, recordId] of Object.entries(choices)) {
    const chosen = records.find((r) => r.id === recordId);
    if (survivor && chosen && recordId !== survivorId && !same(chosen[field], survivor[field]))
      out[field] = recordId;
    else if (recordId === survivorId) out[field] = recordId;
  }
  return out;
}

/** The engine's evidence for a field between the survivor and another record, if compared. */
export function evidenceFor(
  pairs: readonly ClusterPair[],
  survivorId: string,
  otherId: string,
  field: string,
): FieldEvidence | undefined {
  const pair = pairs.find(
    (p) =>
      (p.left_id === survivorId && p.right_id === otherId) ||
      (p.left_id === otherId && p.right_id === survivorId),
  );
  return pair?.explanation.fields.find((f) => f.field === field);
}

/** "+3.2" / "−1.0": a match weight in bits, signed. */
export const formatWeight = (weight: number): string =>
  `${weight >= 0 ? "+" : "−"}${Math.abs(weight).toFixed(1)}`;

/** 0.9987 → "99.9%", never rounding a near-certain probability up to 100%. */
export function formatProbability(p: number): string {
  const percent = Math.floor(p * 1000) / 10;
  return `${percent.toFixed(1)}%`;
}
