import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useReducer, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { evaluateFormula } from "../../../src/views/formula/index.ts";
import { type ApiRecord, api, listUrl } from "../api-client.ts";
import { filterableFields } from "../columns.ts";
import { FilterRow, filtersOf } from "../components/filter-row.tsx";
import { RecordForm } from "../components/record-form.tsx";
import { ErrorNotice, Loading } from "../components/status.tsx";
import type { ObjectMeta } from "../meta.types.ts";
import { NotFoundPage } from "../pages/not-found.page.tsx";
import { recordTitle } from "../record-title.ts";
import { detailsPath } from "../urls.ts";
import { PHONE, useMediaQuery } from "../use-media-query.ts";
import { useTitle } from "../use-title.ts";
import { canWrite, useWorkspace } from "../workspace-context.ts";
import { displayText } from "./cell-display.ts";
import type { CellContext } from "./cell-input.ts";
import { allFields, formulaScope, type GridColumn, gridColumns } from "./grid-columns.ts";
import { editReducer, emptyEdits, shownRow } from "./grid-edits.ts";
import { buildItems, type GroupTotal } from "./grid-items.ts";
import { GridToolbar } from "./grid-toolbar.tsx";
import { GridView } from "./grid-view.tsx";
import { BulkEditBar } from "./toolbar/bulk-edit-bar.tsx";
import { SaveBar } from "./toolbar/save-bar.tsx";
import { type ChildKind, inlineChildren, useExpandedChildren, useRollupChildren } from "./use-child-rows.ts";
import { useGridRefTitles } from "./use-grid-ref-titles.ts";
import { useGridRows } from "./use-grid-rows.ts";
import { useGridSave } from "./use-grid-save.ts";
import { useStable } from "./use-stable.ts";
import { useViewState } from "./use-view-state.ts";
import { effectiveSort } from "./view-definition.ts";
import "./grid.css";

export function GridPage() {
  const { path = "" } = useParams();
  const object = useWorkspace().byPath.get(path);
  if (!object) return <NotFoundPage />;
  return <ObjectGrid key={object.key} object={object} />;
}

/** Loaded rows within this many of the last one shown start loading the next page. */
const LOAD_AHEAD = 60;
const RANGE_STEP = 40;

function ObjectGrid({ object }: { object: ObjectMeta }) {
  useTitle(object.label);
  const { me, byKey } = useWorkspace();
  const navigate = useNavigate();
  const state = useViewState(object);
  const phone = useMediaQuery(PHONE);
  const readOnly = !canWrite(me, object) || phone;
  const scope = useMemo(() => formulaScope(object, byKey), [object, byKey]);
  const columns = useMemo(
    () => gridColumns(object, state.columns, state.computed, scope, !readOnly),
    [object, state.columns, state.computed, scope, readOnly],
  );
  const sort = effectiveSort(state.sort, state.group);
  const data = useGridRows({ path: object.path, sort, q: state.q, filters: state.filters });
  const [edits, dispatch] = useReducer(editReducer, undefined, emptyEdits);
  const [selection, setSelection] = useState<Set<string>>(() => new Set());
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [range, setRange] = useState({ first: 0, last: 0 });
  const [creating, setCreating] = useState(false);

  // A different list (filters, search, sort) starts with nothing selected.
  const listKey = `${sort}|${state.q}|${JSON.stringify(state.filters)}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the list changes
  useEffect(() => setSelection(new Set()), [listKey]);

  const kinds = useMemo(() => inlineChildren(object, byKey, me), [object, byKey, me]);
  const children = useExpandedChildren(kinds, expanded);
  const groupField = state.group ? (allFields(object).find((f) => f.name === state.group) ?? null) : null;
  const sums = columns.filter((c) => c.field && c.numeric && c.key !== "version").map((c) => c.key);
  const groups = useQuery({
    queryKey: ["groups", object.path, state.group, sums, state.filters, state.q],
    queryFn: () =>
      api.get<{ groups: GroupTotal[] }>(
        listUrl(`${object.path}/groups`, {
          ...state.filters,
          q: state.q,
          group_by: state.group ?? "",
          sum: sums.join(","),
        }),
      ),
    enabled: groupField !== null,
  });
  const groupMap = useMemo(
    () => new Map((groups.data?.groups ?? []).map((g) => [g.value, g])),
    [groups.data],
  );
  const { items, rowItem, placeholders } = useMemo(
    () =>
      buildItems({
        rows: data.rows,
        total: data.total,
        hasMore: data.hasMore,
        groupBy: groupField ? state.group : null,
        groups: groupMap,
        expanded,
        children,
      }),
    [data.rows, data.total, data.hasMore, groupField, state.group, groupMap, expanded, children],
  );

  const rowById = useMemo(() => new Map(data.rows.map((r) => [r.id, r])), [data.rows]);
  const shown = useCallback((index: number) => shownRow(edits, data.rows[index]), [edits, data.rows]);
  const stored = useCallback(
    (index: number) => edits.saved[data.rows[index].id] ?? data.rows[index],
    [edits.saved, data.rows],
  );
  const hasCurrency = object.fields.some((f) => f.name === "currency" && f.kind === "currency");
  const ctxFor = useCallback(
    (row: ApiRecord): CellContext => ({
      currency:
        hasCurrency && typeof row.currency === "string" ? row.currency : me.workspace.reporting_currency,
      timeZone: me.workspace.timezone,
    }),
    [hasCurrency, me.workspace],
  );
  const refTitle = useGridRefTitles(columns, data.rows, range.first, range.last);
  const rollupKinds = useMemo(() => {
    const wanted = new Set(columns.flatMap((c) => c.computed?.children ?? []));
    return [...wanted]
      .map((key) => object.related.find((r) => r.object === key))
      .filter((r) => r !== undefined)
      .map((r) => ({ object: byKey.get(r.object)!, field: r.field }) satisfies ChildKind);
  }, [columns, object, byKey]);
  const rollups = useRollupChildren(rollupKinds, data.rows, range.first, range.last);
  const computedValue = useCallback(
    (row: ApiRecord, column: GridColumn) =>
      column.computed?.node
        ? evaluateFormula(column.computed.node, { row, children: (child) => rollups(child, row.id) })
        : null,
    [rollups],
  );

  const onRange = useStable((first: number, last: number, lastItem: number) => {
    // In steps of RANGE_STEP rows: the page re-renders when names or roll-ups may be needed,
    // not on every scrolled frame.
    const from = Math.floor(first / RANGE_STEP) * RANGE_STEP;
    const to = (Math.floor(last / RANGE_STEP) + 1) * RANGE_STEP - 1;
    setRange((r) => (r.first === from && r.last === to ? r : { first: from, last: to }));
    if (lastItem >= items.length - LOAD_AHEAD) data.loadMore();
  });
  const saving = useGridSave(object.path, edits, dispatch, (id) => rowById.get(id));
  const onUndo = useStable(() => {
    const step = edits.undo.at(-1);
    if (step?.kind === "edit") dispatch({ type: "undoEdit" });
    else if (step?.kind === "save") void saving.undoSave(step);
  });
  const onSave = useStable(() => void saving.save());
  const onToggle = useStable((id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    }),
  );
  const unsaved = Object.keys(edits.pending).length > 0;
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  const titleOf = (id: string) => {
    const row = edits.saved[id] ?? rowById.get(id);
    return row ? recordTitle(object, row, me.workspace.timezone) : id;
  };
  const display = (field: string, row: ApiRecord, value: unknown) => {
    const meta = allFields(object).find((f) => f.name === field);
    return meta
      ? displayText(meta, value, { ...ctxFor(row), refTitle: refTitle(value) })
      : String(value ?? "");
  };
  const selectedRows = () => data.rows.filter((r) => selection.has(r.id)).map((r) => edits.saved[r.id] ?? r);

  return (
    <div className="page page-wide grid-page">
      <header className="page-header">
        <div>
          <h1>{object.label}</h1>
          <p className="muted">
            {data.total !== undefined
              ? `${data.total.toLocaleString()} ${data.total === 1 ? "record" : "records"}`
              : "…"}
            {data.rows.length > 0 && data.total !== undefined && data.rows.length < data.total
              ? ` · ${data.rows.length.toLocaleString()} loaded`
              : ""}
            {readOnly && (phone ? " · read-only on a small screen" : " · read-only for your role")}
          </p>
        </div>
        {canWrite(me, object) && !phone && !creating && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New {object.singular.replaceAll("_", " ")}
          </button>
        )}
      </header>

      {creating && (
        <section className="card" aria-labelledby="new-record-title">
          <h2 id="new-record-title">New {object.singular.replaceAll("_", " ")}</h2>
          <RecordForm
            object={object}
            save={(body) => api.post<ApiRecord>(`/api/${object.path}`, body)}
            onSaved={(record) => navigate(detailsPath(object.path, record.id))}
            onCancel={() => setCreating(false)}
            submitLabel="Create"
          />
        </section>
      )}

      <GridToolbar object={object} state={state} scope={scope} canSaveViews={me.actor.type === "user"}>
        <FilterRow
          fields={filterableFields(object)}
          filters={filtersOf(new URLSearchParams(state.filters))}
          onAdd={(param, value) => state.update((next) => next.set(param, value))}
          onRemove={(param) => state.update((next) => next.delete(param))}
        />
      </GridToolbar>
      {selection.size > 0 && !readOnly && (
        <BulkEditBar
          count={selection.size}
          columns={columns}
          rows={selectedRows}
          ctxFor={ctxFor}
          onEdit={(cells) => dispatch({ type: "edit", cells })}
          onInvalid={(cells) => dispatch({ type: "invalid", cells })}
          onClear={() => setSelection(new Set())}
        />
      )}
      <SaveBar
        edits={edits}
        columns={columns}
        status={saving.status}
        titleOf={titleOf}
        display={display}
        onSave={onSave}
        onUndo={onUndo}
        onDiscard={() => dispatch({ type: "discard" })}
        onResolve={(id, keepMine) => dispatch({ type: "resolve", id, keepMine })}
      />
      {state.viewError !== null && <ErrorNotice error={state.viewError} />}
      {data.error !== null && <ErrorNotice error={data.error} />}
      {data.isPending || state.loadingView ? (
        <Loading />
      ) : data.rows.length === 0 ? (
        <p className="empty-state card">
          {state.q || Object.keys(state.filters).length > 0
            ? `No ${object.label.toLowerCase()} match these filters.`
            : `No ${object.label.toLowerCase()} yet.`}
        </p>
      ) : (
        <div className={data.stale ? "card card-flush grid-card stale" : "card card-flush grid-card"}>
          <GridView
            object={object}
            label={state.view ? `${object.label}: ${state.view.name}` : object.label}
            columns={columns}
            items={items}
            placeholders={placeholders}
            rowItem={rowItem}
            shown={shown}
            stored={stored}
            loadedCount={data.rows.length}
            edits={edits}
            dispatch={dispatch}
            readOnly={readOnly}
            sort={sort}
            onSort={(next) => state.update((p) => p.set("sort", next))}
            selection={selection}
            onSelection={setSelection}
            expandable={kinds.length > 0}
            expanded={expanded}
            onToggle={onToggle}
            groupField={groupField}
            ctxFor={ctxFor}
            refTitle={refTitle}
            computedValue={computedValue}
            onRange={onRange}
            onSave={onSave}
            onUndo={onUndo}
          />
        </div>
      )}
      {!readOnly && (
        <p className="grid-hint">
          Arrows move · Enter or F2 edits · Esc cancels · Tab moves right · Delete clears · Space selects the
          row · Shift+Enter shows related records · Ctrl+V pastes a block · Ctrl+S saves · Ctrl+Z undoes ·
          Alt+Z undoes a cell · amounts take 10k and 1.5m
        </p>
      )}
    </div>
  );
}
