import type { Row } from "./hooks.ts";

/** A value another source offered for a field and that the field does not hold. */
export interface LosingValue {
  value: unknown;
  at: string | null;
}

/** Where the value a field holds came from, and what other sources said. */
export interface FieldSource {
  source: string;
  at: string | null;
  losing?: Record<string, LosingValue>;
}

export type FieldSources = Record<string, FieldSource>;

const iso = (value: unknown): string | null =>
  value instanceof Date ? value.toISOString() : typeof value === "string" ? value : null;

/** The source of a field's current value: its entry, or else the record's own source at creation. */
export function currentSource(record: Row, field: string): FieldSource {
  const sources = (record.field_sources ?? {}) as FieldSources;
  return sources[field] ?? { source: record.source ?? "revline", at: iso(record.created_at) };
}

/**
 * Field sources after `source` set `fields` of `before` at `at`: each field now comes from
 * `source`, and the value a different source held stays visible among the losing values.
 */
export function withNewValues(before: Row, fields: string[], source: string, at: string): FieldSources {
  const next: FieldSources = { ...((before.field_sources ?? {}) as FieldSources) };
  for (const field of fields) {
    const previous = currentSource(before, field);
    const losing = { ...(previous.losing ?? {}) };
    delete losing[source];
    if (previous.source !== source)
      losing[previous.source] = { value: before[field] ?? null, at: previous.at };
    next[field] = Object.keys(losing).length > 0 ? { source, at, losing } : { source, at };
  }
  return next;
}
