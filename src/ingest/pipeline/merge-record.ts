import type { ObjectDef } from "../../model/object-def.ts";
import { currentSource, type FieldSources, type Row, sameValue } from "../../records/index.ts";
import { mayReplace, type SourcePriority } from "./source-priority.ts";

export interface Merge {
  /** Fields whose value changes. */
  patch: Row;
  fieldSources: FieldSources;
  /** Provenance changed (a new losing value) even where no value did. */
  sourcesChanged: boolean;
}

/**
 * Merges what `source` says about a stored record, field by field: a different value replaces
 * the stored one if `source` may (see source priority) and the value it replaces stays visible
 * as a losing value of its source; otherwise the stored value stays and the incoming one is
 * kept as this source's losing value. Saying the same thing again changes nothing.
 */
export function mergeRecord(
  def: ObjectDef,
  before: Row,
  incoming: Row,
  source: string,
  priority: SourcePriority,
  at: string,
): Merge {
  const patch: Row = {};
  const fieldSources: FieldSources = { ...((before.field_sources ?? {}) as FieldSources) };
  let sourcesChanged = false;
  for (const [field, value] of Object.entries(incoming)) {
    const fieldDef = def.fields[field];
    if (sameValue(fieldDef, before[field], value)) continue;
    const current = currentSource(before, field);
    if (mayReplace(priority, def.key, field, source, current.source)) {
      patch[field] = value;
      const losing = { ...(current.losing ?? {}) };
      delete losing[source];
      if (current.source !== source)
        losing[current.source] = { value: before[field] ?? null, at: current.at };
      fieldSources[field] = Object.keys(losing).length > 0 ? { source, at, losing } : { source, at };
    } else {
      const known = current.losing?.[source];
      if (known && sameValue(fieldDef, known.value, value)) continue;
      fieldSources[field] = { ...current, losing: { ...(current.losing ?? {}), [source]: { value, at } } };
      sourcesChanged = true;
    }
  }
  return { patch, fieldSources, sourcesChanged };
}
