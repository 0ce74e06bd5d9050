import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { type ApiRecord, api, type ListPage, listUrl } from "../api-client.ts";
import type { Me, ObjectMeta } from "../meta.types.ts";
import { canRead } from "../workspace-context.ts";
import type { ChildList } from "./grid-items.ts";

/** Which kinds of child records an expanded row shows, most telling first (an account's deals and people). */
const PREFERRED = [
  "opportunities",
  "contacts",
  "subscriptions",
  "tickets",
  "invoices",
  "activities",
  "payments",
];
const SHOWN = 2;
export const CHILD_LIMIT = 20;

export interface ChildKind {
  object: ObjectMeta;
  field: string;
}

export function inlineChildren(object: ObjectMeta, byKey: Map<string, ObjectMeta>, me: Me): ChildKind[] {
  return object.related
    .map((r) => ({ object: byKey.get(r.object)!, field: r.field }))
    .filter((r) => r.object && r.object.key !== object.key && canRead(me, r.object))
    .filter((r, i, all) => all.findIndex((o) => o.object.key === r.object.key) === i)
    .sort((a, b) => rank(a.object.key) - rank(b.object.key))
    .slice(0, SHOWN);
}

const rank = (key: string) => (PREFERRED.includes(key) ? PREFERRED.indexOf(key) : PREFERRED.length);

/** The first children of each expanded row, one request per row and kind of child. */
export function useExpandedChildren(kinds: ChildKind[], expanded: ReadonlySet<string>) {
  const ids = [...expanded];
  const lookups = ids.flatMap((id) => kinds.map((kind) => ({ id, kind })));
  const results = useQueries({
    queries: lookups.map(({ id, kind }) => ({
      queryKey: ["children", kind.object.path, kind.field, id],
      queryFn: () =>
        api.get<ListPage>(
          listUrl(kind.object.path, { [kind.field]: id, limit: CHILD_LIMIT, include_total: true }),
        ),
      staleTime: 30_000,
    })),
  });
  // `results` is a new array every render: what changes is when each answer arrived.
  const stamp = results.map((r) => `${r.dataUpdatedAt}:${r.isPending}`).join();
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on `stamp`, the answers' arrival times
  return useMemo(() => {
    const byParent = new Map<string, ChildList[]>();
    lookups.forEach(({ id, kind }, i) => {
      const result = results[i];
      const list: ChildList = {
        object: kind.object.key,
        label: kind.object.label,
        path: kind.object.path,
        field: kind.field,
        rows: result.data?.data ?? [],
        total: result.data?.total,
        loading: result.isPending,
      };
      byParent.set(id, [...(byParent.get(id) ?? []), list]);
    });
    return (parentId: string) => byParent.get(parentId) ?? [];
  }, [stamp, expanded, kinds]);
}

const CHUNK = 100;

/** All children of the given parents: pages through `field[in]=ids` until the last cursor. */
async function childrenOf(kind: ChildKind, parentIds: string[]): Promise<ApiRecord[]> {
  const out: ApiRecord[] = [];
  let cursor = "";
  do {
    const page = await api.get<ListPage>(
      listUrl(kind.object.path, { [`${kind.field}[in]`]: parentIds.join(","), limit: 500, cursor }),
    );
    out.push(...page.data);
    cursor = page.next_cursor ?? "";
  } while (cursor);
  return out;
}

/**
 * Children that computed columns roll up (e.g. an account's opportunities), for the loaded
 * rows near the ones on screen, fetched a chunk of 100 parents at a time. `of(child, id)` is
 * undefined until that row's chunk has arrived.
 */
export function useRollupChildren(kinds: ChildKind[], rows: ApiRecord[], first: number, last: number) {
  const chunks: number[] = [];
  if (kinds.length > 0 && rows.length > 0) {
    const lastRow = Math.min(last, rows.length - 1);
    for (let c = Math.floor(Math.max(0, first) / CHUNK); c <= Math.floor(lastRow / CHUNK); c++)
      chunks.push(c);
  }
  const lookups = chunks.flatMap((chunk) => {
    const ids = rows.slice(chunk * CHUNK, (chunk + 1) * CHUNK).map((r) => r.id);
    return kinds.map((kind) => ({ kind, ids }));
  });
  const results = useQueries({
    queries: lookups.map(({ kind, ids }) => ({
      queryKey: ["rollup", kind.object.path, kind.field, ids],
      queryFn: () => childrenOf(kind, ids),
      staleTime: 60_000,
    })),
  });
  const stamp = results.map((r) => r.dataUpdatedAt).join();
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on `stamp`, the answers' arrival times
  return useMemo(() => {
    const byChild = new Map<string, Map<string, ApiRecord[]>>();
    lookups.forEach(({ kind, ids }, i) => {
      const data = results[i]?.data;
      if (!data) return;
      const byParent = byChild.get(kind.object.key) ?? new Map<string, ApiRecord[]>();
      for (const id of ids) if (!byParent.has(id)) byParent.set(id, []);
      for (const child of data) byParent.get(String(child[kind.field]))?.push(child);
      byChild.set(kind.object.key, byParent);
    });
    return (child: string, parentId: string) => byChild.get(child)?.get(parentId);
  }, [stamp]);
}
