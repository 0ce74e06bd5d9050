import { type FieldMeta, type ObjectMeta, SYSTEM_FIELDS } from "./meta.types.ts";

const idField = SYSTEM_FIELDS.find((f) => f.name === "id")!;

/** Which fields earn a column first when there is no room for all: amounts, statuses, dates. */
const RANK: Record<FieldMeta["kind"], number> = {
  money: 0,
  enum: 1,
  date: 2,
  timestamp: 3,
  email: 4,
  text: 5,
  integer: 5,
  number: 5,
  boolean: 6,
  ref: 6,
  url: 7,
  currency: 8,
  json: 9,
};

/**
 * The title field first, then the `max - 1` most telling other fields, in the object's own
 * order. JSON never gets a column, nor does a currency that the money columns already show.
 */
export function listColumns(object: ObjectMeta, max = 8, without: string[] = []): FieldMeta[] {
  const title = object.fields.find((f) => f.name === object.titleField) ?? idField;
  const hasMoney = object.fields.some((f) => f.kind === "money");
  const candidates = object.fields.filter(
    (f) =>
      f.name !== title.name &&
      f.kind !== "json" &&
      !(hasMoney && f.kind === "currency") &&
      !without.includes(f.name),
  );
  const chosen = new Set(
    candidates
      .map((f, i) => ({ f, rank: RANK[f.kind] * 1000 + i }))
      .sort((a, b) => a.rank - b.rank)
      .slice(0, max - 1)
      .map((r) => r.f),
  );
  return [title, ...candidates.filter((f) => chosen.has(f))];
}

/** Every field a list can be filtered on: the object's own plus the managed ones. */
export function filterableFields(object: ObjectMeta): FieldMeta[] {
  return [...object.fields.filter((f) => f.kind !== "json"), ...SYSTEM_FIELDS];
}
