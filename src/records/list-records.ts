import { type Expression, type SqlBool, sql } from "kysely";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { type FieldDef, parseFilterValue } from "../model/fields.ts";
import type { ObjectDef } from "../model/object-def.ts";
import type { Actor } from "./actor.ts";
import type { Row } from "./hooks.ts";
import { apiColumns, toApi } from "./write-record.ts";

export interface ListQuery {
  limit?: number;
  cursor?: string;
  /** Field name, `-field` for descending. */
  sort?: string;
  /** Free-text search over the object's search fields. */
  q?: string;
  /** `field` or `field[op]` → value; ops: eq ne gt gte lt lte in like null. */
  filters?: Record<string, string>;
  includeTotal?: boolean;
}

export interface ListPage {
  data: Row[];
  next_cursor: string | null;
  total?: number;
}

export const MAX_PAGE = 500;
const OPS = new Set(["eq", "ne", "gt", "gte", "lt", "lte", "in", "like", "null"]);
const BASE_FIELDS: Record<string, FieldDef> = {
  id: { kind: "text" },
  source: { kind: "text" },
  external_id: { kind: "text" },
  version: { kind: "integer" },
  created_at: { kind: "timestamp" },
  updated_at: { kind: "timestamp" },
};

function fieldOf(def: ObjectDef, name: string, param: string): FieldDef {
  const field = def.fields[name] ?? BASE_FIELDS[name];
  if (!field || def.hidden?.includes(name)) {
    throw new AppError("bad_request", `${param}: ${def.label} have no field "${name}"`, { field: param });
  }
  return field;
}

function typed(field: FieldDef, raw: string, param: string): unknown {
  const value = parseFilterValue(field, raw);
  if (value === undefined) {
    throw new AppError("bad_request", `${param}: "${raw}" is not a valid ${field.kind}`, { field: param });
  }
  return value;
}

export function filterExpression(def: ObjectDef, param: string, raw: string): Expression<SqlBool> {
  const match = /^([a-z_]+)(?:\[([a-z]+)\])?$/.exec(param);
  if (!match) throw new AppError("bad_request", `${param}: not a filter`, { field: param });
  const [, name, op = "eq"] = match;
  if (!OPS.has(op)) throw new AppError("bad_request", `${param}: unknown operator "${op}"`, { field: param });
  const field = fieldOf(def, name, param);
  const column = sql.ref(name);
  switch (op) {
    case "null":
      if (raw !== "true" && raw !== "false")
        throw new AppError("bad_request", `${param}: must be true or false`, { field: param });
      return raw === "true" ? sql<SqlBool>`${column} is null` : sql<SqlBool>`${column} is not null`;
    case "in": {
      const values = raw.split(",").map((v) => typed(field, v.trim(), param));
      return sql<SqlBool>`${column} in (${sql.join(values)})`;
    }
    case "like":
      return sql<SqlBool>`${column}::text ilike ${`%${raw.replace(/[%_\\]/g, "\\$&")}%`}`;
    default: {
      const symbol = { eq: "=", ne: "<>", gt: ">", gte: ">=", lt: "<", lte: "<=" }[op]!;
      return sql<SqlBool>`${column} ${sql.raw(symbol)} ${typed(field, raw, param)}`;
    }
  }
}

const NOT_NULL_BASE = new Set(["id", "source", "version", "created_at", "updated_at"]);

/**
 * Rows after the cursor in (column, id) order. A NOT NULL column uses a row comparison, which
 * the index answers directly; a nullable one also places nulls, which sort last ascending and
 * first descending.
 */
function afterCursor(c: Cursor, col: ReturnType<typeof sql.ref>, desc: boolean, notNull: boolean) {
  const cmp = sql.raw(desc ? "<" : ">");
  if (notNull) return sql<SqlBool>`(${col}, id) ${cmp} (${c.v}, ${c.id})`;
  if (c.v === null) {
    return desc
      ? sql<SqlBool>`((${col} is null and id < ${c.id}) or ${col} is not null)`
      : sql<SqlBool>`(${col} is null and id > ${c.id})`;
  }
  const beyond = sql<SqlBool>`(${col} ${cmp} ${c.v} or (${col} = ${c.v} and id ${cmp} ${c.id}))`;
  return desc ? beyond : sql<SqlBool>`(${col} is null or ${beyond})`;
}

interface Cursor {
  v: unknown;
  id: string;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    if (typeof c.id !== "string") throw new Error();
    return c;
  } catch {
    throw new AppError("bad_request", "cursor: not a cursor returned by this list", { field: "cursor" });
  }
}

/**
 * Keyset pagination on (sort column, id), nulls last in both directions: a page never repeats
 * or skips a row, however many rows are inserted between requests.
 */
export async function listRecords(db: Db, actor: Actor, def: ObjectDef, query: ListQuery): Promise<ListPage> {
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new AppError("bad_request", `limit: must be a whole number from 1 to ${MAX_PAGE}`, {
      field: "limit",
    });
  }
  const sortParam = query.sort ?? def.defaultSort ?? "-created_at";
  const desc = sortParam.startsWith("-");
  const sortField = sortParam.replace(/^-/, "");
  const sortDef = fieldOf(def, sortField, "sort");
  const notNull = NOT_NULL_BASE.has(sortField) || sortDef.required === true;
  const col = sql.ref(sortField);

  const conditions: Expression<SqlBool>[] = [sql<SqlBool>`workspace_id = ${actor.workspaceId}`];
  for (const [param, raw] of Object.entries(query.filters ?? {}))
    conditions.push(filterExpression(def, param, raw));
  if (query.q?.trim()) {
    const fields = def.searchFields ?? [def.titleField];
    const pattern = `%${query.q.trim().replace(/[%_\\]/g, "\\$&")}%`;
    conditions.push(
      sql<SqlBool>`(${sql.join(
        fields.map((f) => sql`${sql.ref(f)} ilike ${pattern}`),
        sql` or `,
      )})`,
    );
  }
  const where = sql.join(conditions, sql` and `);

  const after = query.cursor
    ? afterCursor(decodeCursor(query.cursor), col, desc, notNull)
    : sql<SqlBool>`true`;
  // PostgreSQL's default null order (nulls sort as the largest value) in both directions, so
  // one (workspace_id, column, id) index serves ascending and descending pages.
  const direction = sql.raw(desc ? "desc" : "asc");
  const columns = sql.join(apiColumns(def).map((c) => sql.ref(c)));
  const { rows } = await sql<Row>`select ${columns} from ${sql.table(def.key)} where ${where} and ${after}
    order by ${col} ${direction}, id ${direction} limit ${limit + 1}`.execute(db);

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const result: ListPage = {
    data: page.map((row) => toApi(def, row)),
    next_cursor:
      rows.length > limit && last
        ? encodeCursor({
            v: last[sortField] instanceof Date ? last[sortField].toISOString() : (last[sortField] ?? null),
            id: last.id,
          })
        : null,
  };
  if (query.includeTotal) {
    const { rows: count } = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(def.key)} where ${where}`.execute(db);
    result.total = count[0].n;
  }
  return result;
}
