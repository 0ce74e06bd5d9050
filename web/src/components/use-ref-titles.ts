import { useQueries } from "@tanstack/react-query";
import { type ApiRecord, api, type ListPage, listUrl } from "../api-client.ts";
import type { FieldMeta } from "../meta.types.ts";
import { canRead, useWorkspace } from "../workspace-context.ts";

/**
 * Titles of the records that `fields` of `rows` point to, looked up in one request per
 * referenced object (`id[in]=…`), so a page of 50 rows costs a handful of requests.
 */
export function useRefTitles(fields: FieldMeta[], rows: ApiRecord[]): Map<string, string> {
  const { me, byKey } = useWorkspace();
  const idsByObject = new Map<string, Set<string>>();
  for (const field of fields) {
    const target = field.kind === "ref" && field.ref ? byKey.get(field.ref) : undefined;
    if (!target || !canRead(me, target) || target.titleField === "id") continue;
    const ids = idsByObject.get(target.key) ?? new Set<string>();
    for (const row of rows) if (typeof row[field.name] === "string") ids.add(row[field.name] as string);
    if (ids.size > 0) idsByObject.set(target.key, ids);
  }
  const lookups = [...idsByObject].map(([key, ids]) => ({ target: byKey.get(key)!, ids: [...ids].sort() }));
  const results = useQueries({
    queries: lookups.map(({ target, ids }) => ({
      queryKey: ["titles", target.path, ids],
      queryFn: () =>
        api.get<ListPage>(
          listUrl(target.path, { "id[in]": ids.join(","), limit: Math.min(ids.length, 500) }),
        ),
      staleTime: 60_000,
    })),
  });
  const titles = new Map<string, string>();
  results.forEach((result, i) => {
    const titleField = lookups[i].target.titleField;
    for (const record of result.data?.data ?? []) {
      const title = record[titleField];
      if (title !== null && title !== undefined && title !== "") titles.set(record.id, String(title));
    }
  });
  return titles;
}
