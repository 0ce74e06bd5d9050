import { type RawBuilder, sql } from "kysely";
import { can } from "../auth/index.ts";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { apiPath, type ObjectDef } from "../model/object-def.ts";
import { OBJECTS } from "../model/registry.ts";
import type { Actor } from "../records/index.ts";

export interface SearchHit {
  id: string;
  title: string;
  /** The other searched values of the record (domain, email, …), for telling hits apart. */
  detail: string | null;
  /** Which field matched: `name`, `email`, `domain`, `external_id`, … */
  matched: string;
}

export interface SearchGroup {
  object: string;
  path: string;
  label: string;
  hits: SearchHit[];
}

/** Objects without search fields of their own are found by their external id (Stripe, Zendesk ids). */
const BY_EXTERNAL_ID_ONLY = new Set(["subscriptions", "payments", "refunds"]);
export const MIN_QUERY = 2;
const MAX_QUERY = 100;

function searchable(def: ObjectDef): string[] | null {
  if (def.searchFields) return def.searchFields;
  return BY_EXTERNAL_ID_ONLY.has(def.key) ? [] : null;
}

/** A contact goes by its name, its email when it has none. */
function titleOf(def: ObjectDef): RawBuilder<unknown> {
  if (def.key === "contacts")
    return sql`coalesce(nullif(concat_ws(' ', first_name, last_name), ''), email, id)`;
  return def.fields[def.titleField] ? sql`coalesce(${sql.ref(def.titleField)}::text, id)` : sql`id`;
}

function branch(def: ObjectDef, fields: string[], q: string, perObject: number, workspaceId: string) {
  const contains = `%${q.replace(/[%_\\]/g, "\\$&")}%`;
  const prefix = `${q.replace(/[%_\\]/g, "\\$&")}%`;
  const text = fields.map((f) => sql.ref(f));
  const matches = [...text.map((f) => sql`${f} ilike ${contains}`), sql`external_id = ${q}`];
  // Exact matches first, then values starting with the text, then the rest.
  const rank = sql`case when ${sql.join([...text.map((f) => sql`lower(${f}) = lower(${q})`), sql`external_id = ${q}`], sql` or `)} then 0
    ${
      text.length > 0
        ? sql`when ${sql.join(
            text.map((f) => sql`${f} ilike ${prefix}`),
            sql` or `,
          )} then 1`
        : sql``
    }
    else 2 end`;
  const values = fields.length > 0 ? sql`json_build_array(${sql.join(text)})` : sql`'[]'::json`;
  return sql`(select ${def.key}::text as object, id, ${titleOf(def)} as title, external_id, ${values} as vals, ${rank} as rank
    from ${sql.table(def.key)}
    where workspace_id = ${workspaceId} and (${sql.join(matches, sql` or `)})
    order by rank, 3 limit ${perObject})`;
}

/**
 * Finds records across every object the caller's role may read, by name, email, domain and
 * the other search fields of each object, or by external id; a few hits per object, best
 * first. One statement for all objects.
 */
export async function globalSearch(
  db: Db,
  actor: Actor,
  rawQuery: string,
  perObject = 5,
): Promise<SearchGroup[]> {
  const q = rawQuery.trim();
  if (q.length < MIN_QUERY || q.length > MAX_QUERY)
    throw new AppError("bad_request", `q: search for ${MIN_QUERY} to ${MAX_QUERY} characters`, {
      field: "q",
    });
  const objects = OBJECTS.filter((def) => searchable(def) !== null && can(actor.role, def.area, "read"));
  if (objects.length === 0) return [];
  const branches = objects.map((def) => branch(def, searchable(def)!, q, perObject, actor.workspaceId));
  const { rows } = await sql<{
    object: string;
    id: string;
    title: string;
    vals: unknown[] | null;
  }>`${sql.join(branches, sql` union all `)}`.execute(db);

  const needle = q.toLowerCase();
  return objects
    .map((def) => {
      const fields = searchable(def)!;
      const hits = rows
        .filter((r) => r.object === def.key)
        .map((r) => {
          const values = (r.vals ?? []).map((v) => (v == null ? null : String(v)));
          const at = values.findIndex((v) => v?.toLowerCase().includes(needle));
          const others = values.filter((v): v is string => v !== null && !r.title.includes(v));
          return {
            id: r.id,
            title: r.title,
            detail: [...new Set(others)].join(" · ") || null,
            matched: at === -1 ? "external_id" : fields[at],
          };
        });
      return { object: def.key, path: apiPath(def), label: def.label, hits };
    })
    .filter((g) => g.hits.length > 0);
}
