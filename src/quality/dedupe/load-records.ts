import { sql } from "kysely";
import type { DbOrTx } from "../../db/types.ts";
import type { FieldSpec, RecordTable } from "../matching/index.ts";
import { normaliseDomain } from "./normalise-domain.ts";

/** Objects a run deduplicates (leads are matched to accounts instead: see lead-matches.ts). */
export const DEDUPE_OBJECTS = ["contacts", "accounts"] as const;
export type DedupeObject = (typeof DEDUPE_OBJECTS)[number];
export const RUN_OBJECTS = [...DEDUPE_OBJECTS, "leads"] as const;
export type RunObject = (typeof RUN_OBJECTS)[number];

/**
 * The compared columns per object and how the engine treats them. A contact's company is its
 * account's name; an account's domain comes from `domain`, else from `website`. The model has
 * no address fields yet, so country stands in for location.
 */
const FIELDS: Record<DedupeObject, FieldSpec[]> = {
  contacts: [
    { name: "first_name", type: "first_name" },
    { name: "last_name", type: "last_name" },
    { name: "email", type: "email" },
    { name: "phone", type: "phone" },
    { name: "title", type: "text" },
    { name: "company", type: "company" },
    { name: "country", type: "text" },
  ],
  accounts: [
    { name: "name", type: "company" },
    { name: "domain", type: "exact" },
    { name: "country", type: "text" },
    { name: "industry", type: "text" },
  ],
};

const QUERIES = {
  contacts: (workspaceId: string) => sql<Record<string, string | null>>`
    select c.id, c.first_name, c.last_name, c.email, c.phone, c.title, a.name as company, c.country
    from contacts c left join accounts a on a.workspace_id = c.workspace_id and a.id = c.account_id
    where c.workspace_id = ${workspaceId} order by c.id`,
  accounts: (workspaceId: string) => sql<Record<string, string | null>>`
    select id, name, coalesce(nullif(domain, ''), website) as domain, country, industry
    from accounts where workspace_id = ${workspaceId} order by id`,
};

export interface LoadedRecords {
  table: RecordTable;
  /** The compared columns that hold at least one value (an empty column teaches EM nothing). */
  fields: FieldSpec[];
}

/** Reads every record of the object into the engine's column table, one query. */
export async function loadRecords(
  db: DbOrTx,
  workspaceId: string,
  object: DedupeObject,
): Promise<LoadedRecords> {
  const { rows } = await QUERIES[object](workspaceId).execute(db);
  const specs = FIELDS[object];
  const headers = ["id", ...specs.map((s) => s.name)];
  const columns = headers.map((header) =>
    rows.map((row) => {
      const value = (row[header] ?? "").trim();
      return header === "domain" ? normaliseDomain(value) : value;
    }),
  );
  const fields = specs.filter((_, k) => columns[k + 1].some((v) => v.length > 0));
  return { table: { headers, columns }, fields };
}
