import { type Expression, type SqlBool, sql } from "kysely";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import type { ObjectDef } from "../model/object-def.ts";
import { type Actor, filterExpression } from "../records/index.ts";

export interface GroupTotalsQuery {
  groupBy: string;
  /** Numeric fields to add up per group. */
  sums: string[];
  filters?: Record<string, string>;
  q?: string;
}

/** A sum in one currency (null for plain numbers): amounts in different currencies never mix. */
export interface Sum {
  currency: string | null;
  value: number;
}

export interface GroupTotal {
  /** The group's value as text; null for records without one. */
  value: string | null;
  count: number;
  sums: Record<string, Sum[]>;
}

export const MAX_GROUPS = 500;
const GROUPABLE = new Set(["enum", "text", "ref", "boolean", "currency", "date"]);
const SUMMABLE = new Set(["money", "integer", "number"]);

function field(def: ObjectDef, name: string, param: string, allowed: Set<string>, what: string) {
  const f = def.fields[name];
  if (!f || def.hidden?.includes(name) || !allowed.has(f.kind))
    throw new AppError("bad_request", `${param}: cannot ${what} ${def.label.toLowerCase()} by "${name}"`, {
      field: param,
    });
  return f;
}

/**
 * Count and sums per value of one field, over the records a list with the same filters and
 * search would show (so a grid's group headers and a board's columns add up to its rows).
 * Money is summed per currency. At most MAX_GROUPS groups, largest first.
 */
export async function groupTotals(db: Db, actor: Actor, def: ObjectDef, query: GroupTotalsQuery) {
  field(def, query.groupBy, "group_by", GROUPABLE, "group");
  for (const s of query.sums) field(def, s, "sum", SUMMABLE, "add up");
  const conditions: Expression<SqlBool>[] = [sql<SqlBool>`workspace_id = ${actor.workspaceId}`];
  for (const [param, raw] of Object.entries(query.filters ?? {}))
    conditions.push(filterExpression(def, param, raw));
  if (query.q?.trim()) {
    // The same search as the list's `q`: any search field contains the text.
    const pattern = `%${query.q.trim().replace(/[%_\\]/g, "\\$&")}%`;
    const fields = def.searchFields ?? [def.titleField];
    conditions.push(
      sql<SqlBool>`(${sql.join(
        fields.map((f) => sql`${sql.ref(f)} ilike ${pattern}`),
        sql` or `,
      )})`,
    );
  }
  const isMoney = (s: string) => def.fields[s].kind === "money";
  const perCurrency = def.fields.currency?.kind === "currency" && query.sums.some(isMoney);
  const currency = perCurrency ? sql`currency` : sql`null::text`;
  const sums = query.sums.map((s, i) => sql`coalesce(sum(${sql.ref(s)}), 0)::float8 as ${sql.ref(`s${i}`)}`);
  const { rows } = await sql<Record<string, any>>`select ${sql.ref(query.groupBy)}::text as value,
      ${currency} as currency, count(*)::int as count${sql.join([sql``, ...sums], sql`, `)}
    from ${sql.table(def.key)} where ${sql.join(conditions, sql` and `)}
    group by 1, 2`.execute(db);

  const groups = new Map<string | null, GroupTotal>();
  for (const row of rows) {
    let group = groups.get(row.value);
    if (!group) {
      group = { value: row.value, count: 0, sums: Object.fromEntries(query.sums.map((s) => [s, []])) };
      groups.set(row.value, group);
    }
    group.count += row.count;
    query.sums.forEach((s, i) => {
      const code = isMoney(s) ? row.currency : null;
      const sum = group.sums[s].find((x) => x.currency === code);
      if (sum) sum.value += Number(row[`s${i}`]);
      else group.sums[s].push({ currency: code, value: Number(row[`s${i}`]) });
    });
  }
  const all = [...groups.values()].sort(
    (a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)),
  );
  return {
    groups: all.slice(0, MAX_GROUPS),
    truncated: all.length > MAX_GROUPS,
    total: all.reduce((n, g) => n + g.count, 0),
  };
}
