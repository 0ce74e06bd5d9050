import type { ApiRecord } from "./api-client.ts";
import { formatDate, formatTimestamp } from "./format.ts";
import { enumLabel, type ObjectMeta } from "./meta.types.ts";

/** The name a record goes by in links and headings: its title field, or its id. */
export function recordTitle(object: ObjectMeta, record: ApiRecord, timeZone: string): string {
  const value = record[object.titleField];
  if (value === null || value === undefined || value === "") return record.id;
  const kind = object.fields.find((f) => f.name === object.titleField)?.kind;
  if (kind === "date") return formatDate(String(value));
  if (kind === "timestamp") return formatTimestamp(String(value), timeZone);
  if (kind === "enum") return enumLabel(String(value));
  return String(value);
}
