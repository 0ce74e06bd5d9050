import { useCallback, useEffect, useRef, useState } from "react";
import { type ApiRecord, api, type ListPage, listUrl } from "../api-client.ts";
import type { ObjectMeta } from "../meta.types.ts";
import { canRead, useWorkspace } from "../workspace-context.ts";
import type { GridColumn } from "./grid-columns.ts";

/**
 * Names of the records that reference columns point to, for the rows on screen: looked up
 * with one `id[in]=…` request per referenced object and remembered while the grid is open, so
 * scrolling back and forth does not ask again.
 */
export function useGridRefTitles(columns: GridColumn[], rows: ApiRecord[], first: number, last: number) {
  const { me, byKey } = useWorkspace();
  const known = useRef(new Map<string, string>());
  const asked = useRef(new Set<string>());
  const [version, setVersion] = useState(0);

  const targets = columns
    .map((c) => ({
      column: c,
      target: c.field?.kind === "ref" && c.field.ref ? byKey.get(c.field.ref) : undefined,
    }))
    .filter(
      (t): t is { column: GridColumn; target: ObjectMeta } =>
        !!t.target && canRead(me, t.target) && t.target.titleField !== "id",
    );
  const wanted = new Map<ObjectMeta, Set<string>>();
  for (const row of rows.slice(Math.max(0, first), last + 1)) {
    for (const { column, target } of targets) {
      const id = row[column.key];
      if (typeof id !== "string" || asked.current.has(id)) continue;
      const ids = wanted.get(target) ?? new Set<string>();
      ids.add(id);
      wanted.set(target, ids);
    }
  }
  const key = [...wanted].map(([t, ids]) => `${t.key}:${[...ids].join(",")}`).join("|");

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names everything wanted
  useEffect(() => {
    if (!key) return;
    const timer = setTimeout(() => {
      for (const [target, ids] of wanted) {
        const list = [...ids].slice(0, 500);
        for (const id of list) asked.current.add(id);
        void api
          .get<ListPage>(listUrl(target.path, { "id[in]": list.join(","), limit: list.length }))
          .then((page) => {
            for (const record of page.data) {
              const title = record[target.titleField];
              if (title !== null && title !== undefined && title !== "")
                known.current.set(record.id, String(title));
            }
            setVersion((v) => v + 1);
          })
          .catch(() => {
            for (const id of list) asked.current.delete(id);
          });
      }
    }, 80);
    return () => clearTimeout(timer);
  }, [key]);

  // A new function when names arrive, so memoised rows showing ids re-render with names.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` counts the names learnt
  return useCallback(
    (id: unknown) => (typeof id === "string" ? known.current.get(id) : undefined),
    [version],
  );
}
