import { type Filter, filterParam, filtersOf } from "../components/filter-row.tsx";
import type { ComputedDef } from "./grid-columns.ts";

/** What a saved view stores (the API's `definition`). */
export interface ViewDefinition {
  columns: string[];
  filters: Array<{ field: string; op: string; value: string }>;
  sort: string | null;
  group_by: string | null;
  q: string | null;
  computed: ComputedDef[];
}

export interface SavedView {
  id: string;
  object: string;
  name: string;
  owner_user_id: string;
  owner_name: string | null;
  visibility: "private" | "team" | "workspace";
  shared_with_team_id: string | null;
  team_name: string | null;
  definition: ViewDefinition;
  version: number;
  editable: boolean;
}

/** The grid's state in its URL: `view`, `sort`, `q`, `group` and one parameter per filter. */
export function definitionOf(
  params: URLSearchParams,
  columns: string[],
  computed: ComputedDef[],
): ViewDefinition {
  return {
    columns,
    filters: filtersOf(params).map((f: Filter) => ({ field: f.field, op: f.op, value: f.value })),
    sort: params.get("sort") || null,
    group_by: params.get("group") || null,
    q: params.get("q") || null,
    computed,
  };
}

/** The URL that opens a view: its id, and its filters, sort, grouping and search. */
export function paramsOf(definition: ViewDefinition, viewId: string | null): URLSearchParams {
  const params = new URLSearchParams();
  if (viewId) params.set("view", viewId);
  if (definition.sort) params.set("sort", definition.sort);
  if (definition.group_by) params.set("group", definition.group_by);
  if (definition.q) params.set("q", definition.q);
  for (const f of definition.filters) params.append(filterParam(f.field, f.op), f.value);
  return params;
}

/** JSON with object keys sorted: the database hands JSON back with its keys in its own order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Whether two definitions show the same thing (the view's "unsaved changes" marker). */
export function sameDefinition(a: ViewDefinition, b: ViewDefinition): boolean {
  const norm = (d: ViewDefinition) =>
    canonical({
      ...d,
      sort: d.sort ?? null,
      group_by: d.group_by ?? null,
      q: d.q ?? null,
      filters: [...d.filters].sort((x, y) => `${x.field}${x.op}`.localeCompare(`${y.field}${y.op}`)),
    });
  return norm(a) === norm(b);
}

/** With grouping, rows come sorted by the group field (the list pages by one sort field). */
export function effectiveSort(sort: string, group: string | null): string {
  if (!group) return sort;
  return sort.replace(/^-/, "") === group ? sort : group;
}
