import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { api } from "../api-client.ts";
import { RESERVED_PARAMS } from "../components/filter-row.tsx";
import type { ObjectMeta } from "../meta.types.ts";
import { type ComputedDef, defaultColumns } from "./grid-columns.ts";
import {
  definitionOf,
  paramsOf,
  type SavedView,
  sameDefinition,
  type ViewDefinition,
} from "./view-definition.ts";

interface Layout {
  /** The view (or object) the columns belong to: opening another view starts from its columns. */
  owner: string;
  columns: string[];
  computed: ComputedDef[];
}

/**
 * The grid's state. Filters, sort, grouping and search live in the URL (so a link shows the
 * same rows); columns and computed columns in the page, started from the open saved view. A
 * URL with nothing but `?view=ID` opens exactly that view: its filters are put in the URL.
 */
export function useViewState(object: ObjectMeta) {
  const [params, setParams] = useSearchParams();
  const viewId = params.get("view");
  const view = useQuery({
    queryKey: ["view", viewId],
    queryFn: () => api.get<SavedView>(`/api/views/${viewId}`),
    enabled: viewId !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const owner = viewId ?? `object:${object.key}`;
  const [layout, setLayout] = useState<Layout>(() => ({ owner: "", columns: [], computed: [] }));

  const saved = view.data?.id === viewId ? view.data : undefined;
  useEffect(() => {
    if (viewId && !saved) return;
    setLayout((current) => {
      if (current.owner === owner) return current;
      return saved
        ? { owner, columns: saved.definition.columns, computed: saved.definition.computed }
        : { owner, columns: defaultColumns(object), computed: [] };
    });
    if (saved && [...params.keys()].every((k) => k === "view"))
      setParams(paramsOf(saved.definition, saved.id), { replace: true });
  }, [owner, saved, viewId, object, params, setParams]);

  const ready = layout.owner === owner;
  const columns = ready ? layout.columns : saved ? saved.definition.columns : defaultColumns(object);
  const computed = ready ? layout.computed : (saved?.definition.computed ?? []);
  const definition: ViewDefinition = useMemo(
    () => definitionOf(params, columns, computed),
    [params, columns, computed],
  );
  const filters = useMemo(() => {
    const out: Record<string, string> = {};
    for (const [key, value] of params) if (!RESERVED_PARAMS.has(key)) out[key] = value;
    return out;
  }, [params]);

  return {
    viewId,
    view: saved,
    viewError: view.error,
    loadingView: viewId !== null && !saved && !view.error,
    sort: params.get("sort") || object.defaultSort,
    q: params.get("q") ?? "",
    group: params.get("group") || null,
    filters,
    columns,
    computed,
    definition,
    dirty: saved ? !sameDefinition(definition, saved.definition) : false,
    setColumns: (next: string[]) => setLayout({ owner, columns: next, computed }),
    setComputed: (next: ComputedDef[], nextColumns = columns) =>
      setLayout({ owner, columns: nextColumns, computed: next }),
    /** Changes the URL state (filters, sort, group, search), keeping the open view. */
    update: (change: (next: URLSearchParams) => void) => {
      const next = new URLSearchParams(params);
      change(next);
      setParams(next);
    },
    /** Opens a saved view (or none: the object's default grid). */
    open: (next: SavedView | null) =>
      setParams(next ? paramsOf(next.definition, next.id) : new URLSearchParams()),
  };
}

export type ViewState = ReturnType<typeof useViewState>;
