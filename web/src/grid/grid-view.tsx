import { useVirtualizer } from "@tanstack/react-virtual";
import {
  type ClipboardEvent,
  type Dispatch,
  type KeyboardEvent,
  type MouseEvent,
  useEffect,
  useRef,
  useState,
} from "react";
import type { FormulaValue } from "../../../src/views/formula/index.ts";
import type { ApiRecord } from "../api-client.ts";
import type { FieldMeta, ObjectMeta } from "../meta.types.ts";
import { useWorkspace } from "../workspace-context.ts";
import { displayText } from "./cell-display.ts";
import type { EditorExit } from "./cell-editor.tsx";
import { type CellContext, editText, parseCell } from "./cell-input.ts";
import { pasteBlock } from "./grid-clipboard.ts";
import type { GridColumn } from "./grid-columns.ts";
import type { EditAction, EditState } from "./grid-edits.ts";
import { ChildHeaderRow, ChildRow, GroupRow, PlaceholderRow } from "./grid-extra-rows.tsx";
import { GridHeader } from "./grid-header.tsx";
import type { GridItem } from "./grid-items.ts";
import { navigate } from "./grid-keys.ts";
import { cellId, DataRow, type Editing } from "./grid-row.tsx";
import { parseTsv, toTsv } from "./tsv.ts";
import { useStable } from "./use-stable.ts";

export const ROW_HEIGHT = 36;
const HEADER_HEIGHT = 38;
const SELECT_WIDTH = 64;

export interface GridViewProps {
  object: ObjectMeta;
  label: string;
  columns: GridColumn[];
  items: GridItem[];
  placeholders: number;
  rowItem: number[];
  /** Records as shown (saved values and pending edits applied), in list order. */
  shown: (index: number) => ApiRecord;
  /** Records as stored (as last saved, without pending edits). */
  stored: (index: number) => ApiRecord;
  loadedCount: number;
  edits: EditState;
  dispatch: Dispatch<EditAction>;
  readOnly: boolean;
  sort: string;
  onSort: ((sort: string) => void) | null;
  selection: ReadonlySet<string>;
  onSelection: (next: Set<string>) => void;
  expandable: boolean;
  expanded: ReadonlySet<string>;
  onToggle: (id: string) => void;
  groupField: FieldMeta | null;
  ctxFor: (row: ApiRecord) => CellContext;
  refTitle: (id: unknown) => string | undefined;
  computedValue: (row: ApiRecord, column: GridColumn) => FormulaValue | undefined;
  /** The loaded records in view changed: load more, look up names, roll up children. */
  onRange: (first: number, last: number, lastItem: number) => void;
  onSave: () => void;
  onUndo: () => void;
}

/**
 * The editable grid (WAI-ARIA grid pattern): one focusable container that moves an active
 * cell with the keyboard (aria-activedescendant), rows rendered only while on screen.
 */
export function GridView(props: GridViewProps) {
  const { columns, items, rowItem, loadedCount, edits, dispatch, readOnly } = props;
  const { me, byKey } = useWorkspace();
  const scrollRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const [active, setActive] = useState({ row: 0, col: 0 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const anchor = useRef<number | null>(null);
  const count = items.length + props.placeholders;
  const template = `${SELECT_WIDTH}px ${columns.map((c) => `${c.width}px`).join(" ")}`;
  const width = SELECT_WIDTH + columns.reduce((w, c) => w + c.width, 0);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
  });
  const virtual = virtualizer.getVirtualItems();
  const firstItem = virtual[0]?.index ?? 0;
  const lastItem = virtual.at(-1)?.index ?? 0;

  const { onRange } = props;
  useEffect(() => {
    const rowsIn = (from: number, to: number) => {
      let first = -1;
      let last = -1;
      for (let i = from; i <= to && i < items.length; i++) {
        const item = items[i];
        if (item.type === "row") {
          if (first === -1) first = item.index;
          last = item.index;
        }
      }
      return { first, last };
    };
    const { first, last } = rowsIn(firstItem, lastItem);
    onRange(first === -1 ? loadedCount : first, last === -1 ? loadedCount : last, lastItem);
  }, [firstItem, lastItem, items, loadedCount, onRange]);

  const focusGrid = () => tableRef.current?.focus({ preventScroll: true });
  const moveTo = (row: number, col: number) => {
    const r = Math.max(0, Math.min(loadedCount - 1, row));
    const c = Math.max(0, Math.min(columns.length - 1, col));
    setActive({ row: r, col: c });
    if (rowItem[r] !== undefined) virtualizer.scrollToIndex(rowItem[r], { align: "auto" });
    requestAnimationFrame(() =>
      document.getElementById(cellId(r, c))?.scrollIntoView({ block: "nearest", inline: "nearest" }),
    );
  };

  const editable = (col: number) => !readOnly && columns[col]?.editable === true && loadedCount > 0;
  const startEdit = (col: number, text?: string) => {
    const column = columns[col];
    if (!editable(col) || !column.field) return;
    const row = props.shown(active.row);
    setEditing({
      col,
      text: text ?? editText(column.field, row[column.key], props.ctxFor(row)),
      selectAll: text === undefined,
    });
  };
  const commit = (row: ApiRecord, col: number, text: string) => {
    const column = columns[col];
    if (!column?.field) return;
    const parsed = parseCell(column.field, text, props.ctxFor(row));
    if (parsed.ok) dispatch({ type: "edit", cells: [{ row, field: column.key, value: parsed.value }] });
    else dispatch({ type: "invalid", cells: [{ id: row.id, field: column.key, message: parsed.error }] });
  };
  const onEditDone = (text: string, exit: EditorExit) => {
    const col = editing?.col ?? active.col;
    setEditing(null);
    if (exit !== "cancel") {
      const row = props.shown(active.row);
      const column = columns[col];
      if (column?.field && text !== editText(column.field, row[column.key], props.ctxFor(row)))
        commit(props.stored(active.row), col, text);
    }
    if (exit === "down") moveTo(active.row + 1, col);
    else if (exit === "up") moveTo(active.row - 1, col);
    else if (exit === "right") moveTo(active.row, col + 1);
    else if (exit === "left") moveTo(active.row, col - 1);
    if (exit !== "stay") focusGrid();
  };

  const toggleRow = (index: number, range: boolean) => {
    const next = new Set(props.selection);
    const id = props.shown(index).id;
    if (range && anchor.current !== null) {
      const [from, to] = [Math.min(anchor.current, index), Math.max(anchor.current, index)];
      for (let i = from; i <= to; i++) next.add(props.shown(i).id);
    } else if (next.has(id)) next.delete(id);
    else next.add(id);
    anchor.current = index;
    props.onSelection(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (editing || loadedCount === 0) return;
    const { row, col } = active;
    const mod = event.ctrlKey || event.metaKey;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);
    const target = navigate(event.key, { row, col, mod, rows: loadedCount, cols: columns.length, page });
    let handled = true;
    if (event.key === "Tab") {
      const next = col + (event.shiftKey ? -1 : 1);
      if (next < 0 || next >= columns.length) return;
      moveTo(row, next);
    } else if (mod && event.key.toLowerCase() === "z") {
      props.onUndo();
    } else if (mod && event.key.toLowerCase() === "s") {
      props.onSave();
    } else if (event.altKey && event.key.toLowerCase() === "z") {
      dispatch({ type: "revertCell", id: props.shown(row).id, field: columns[col].key });
    } else if ((event.key === "Delete" || event.key === "Backspace") && editable(col)) {
      commit(props.stored(row), col, "");
    } else if (target) {
      moveTo(target.row, target.col);
    } else if (event.key === "Enter" || event.key === "F2") {
      if (event.key === "Enter" && event.shiftKey) {
        if (props.expandable) props.onToggle(props.shown(row).id);
      } else startEdit(col);
    } else if (event.key === " ") {
      toggleRow(row, event.shiftKey);
    } else if (event.key === "Escape") {
      props.onSelection(new Set());
    } else if (event.key.length === 1 && !mod && !event.altKey && editable(col)) {
      startEdit(col, event.key);
    } else {
      handled = false;
    }
    if (handled) event.preventDefault();
  };

  const targets = (): ApiRecord[] => {
    const selected = props.selection;
    if (selected.size > 1 && selected.has(props.stored(active.row).id)) {
      const rows: ApiRecord[] = [];
      for (let i = 0; i < loadedCount; i++) if (selected.has(props.stored(i).id)) rows.push(props.stored(i));
      return rows;
    }
    const rows: ApiRecord[] = [];
    for (let i = active.row; i < loadedCount; i++) rows.push(props.stored(i));
    return rows;
  };
  const onPaste = (event: ClipboardEvent<HTMLTableElement>) => {
    if (editing || readOnly || loadedCount === 0) return;
    const block = parseTsv(event.clipboardData.getData("text/plain"));
    if (block.length === 0) return;
    event.preventDefault();
    const result = pasteBlock(block, targets(), active.col, columns, props.ctxFor);
    if (result.edits.length > 0) dispatch({ type: "edit", cells: result.edits });
    if (result.problems.length > 0) dispatch({ type: "invalid", cells: result.problems });
  };
  const onCopy = (event: ClipboardEvent<HTMLTableElement>) => {
    if (editing || loadedCount === 0) return;
    const selected = props.selection;
    const rows: ApiRecord[] = [];
    if (selected.size === 0) rows.push(props.shown(active.row));
    else for (let i = 0; i < loadedCount; i++) if (selected.has(props.shown(i).id)) rows.push(props.shown(i));
    const cols = selected.size > 0 ? columns : [columns[active.col]];
    const text = (row: ApiRecord, c: GridColumn) =>
      c.field
        ? displayText(c.field, row[c.key], { ...props.ctxFor(row), refTitle: props.refTitle(row[c.key]) })
        : "";
    event.clipboardData.setData("text/plain", toTsv(rows.map((r) => cols.map((c) => text(r, c)))));
    event.preventDefault();
  };

  const onCellDown = useStable((index: number, col: number, event: MouseEvent) => {
    if ((event.target as HTMLElement).closest("a")) return;
    if (editing && (index !== active.row || col !== editing.col)) setEditing(null);
    setActive({ row: index, col });
    if (!(event.target as HTMLElement).closest("input, button")) {
      event.preventDefault();
      focusGrid();
    }
  });
  const onCellDoubleClick = useStable((index: number, col: number) => {
    setActive({ row: index, col });
    if (editable(col)) {
      const row = props.shown(index);
      const column = columns[col];
      setEditing({
        col,
        text: column.field ? editText(column.field, row[column.key], props.ctxFor(row)) : "",
        selectAll: true,
      });
    }
  });
  const onSelect = useStable((index: number, range: boolean) => toggleRow(index, range));
  const onDone = useStable(onEditDone);
  const onRevert = useStable((id: string, field: string) => dispatch({ type: "revertCell", id, field }));

  const allSelected = loadedCount > 0 && props.selection.size >= loadedCount;
  const span = columns.length + 1;
  return (
    <div
      ref={scrollRef}
      className="grid-scroll"
      // As tall as its rows, up to the room the page has (grid.css caps it).
      style={{ height: HEADER_HEIGHT + count * ROW_HEIGHT + 2 }}
    >
      <table
        ref={tableRef}
        className="grid-table"
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a table the keyboard moves and edits through is a grid (WAI-ARIA grid pattern)
        role="grid"
        aria-label={props.label}
        aria-rowcount={count + 1}
        aria-colcount={span}
        aria-multiselectable="true"
        aria-readonly={readOnly || undefined}
        aria-activedescendant={loadedCount > 0 && !editing ? cellId(active.row, active.col) : undefined}
        tabIndex={0}
        style={{ width }}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onCopy={onCopy}
      >
        <GridHeader
          columns={columns}
          template={template}
          width={width}
          sort={props.sort}
          onSort={props.onSort}
          allSelected={allSelected}
          onSelectAll={() =>
            props.onSelection(
              allSelected
                ? new Set()
                : new Set(Array.from({ length: loadedCount }, (_, i) => props.shown(i).id)),
            )
          }
        />
        <tbody className="grid-body" style={{ height: virtualizer.getTotalSize() - HEADER_HEIGHT, width }}>
          {virtual.map((v) => {
            const style = {
              transform: `translateY(${v.start - HEADER_HEIGHT}px)`,
              height: ROW_HEIGHT,
              gridTemplateColumns: template,
              width,
            };
            const common = { ariaRowIndex: v.index + 2, style, span };
            const item = items[v.index];
            if (!item) return <PlaceholderRow key={`p${v.index}`} {...common} />;
            if (item.type === "group")
              return (
                <GroupRow
                  key={`g${v.index}`}
                  {...common}
                  field={props.groupField!}
                  value={item.value}
                  total={item.total}
                  columns={columns}
                  refTitle={props.refTitle(item.value)}
                />
              );
            if (item.type === "child-header")
              return (
                <ChildHeaderRow
                  key={`h${item.parentId}${item.list.object}`}
                  {...common}
                  list={item.list}
                  parentId={item.parentId}
                />
              );
            if (item.type === "child")
              return (
                <ChildRow
                  key={`c${item.record.id}`}
                  {...common}
                  child={byKey.get(item.list.object)!}
                  field={item.list.field}
                  record={item.record}
                  timeZone={me.workspace.timezone}
                  currency={me.workspace.reporting_currency}
                />
              );
            const row = props.shown(item.index);
            const isActive = item.index === active.row;
            return (
              <DataRow
                key={row.id}
                path={props.object.path}
                row={row}
                index={item.index}
                ariaRowIndex={v.index + 2}
                top={v.start - HEADER_HEIGHT}
                template={template}
                width={width}
                columns={columns}
                pending={edits.pending[row.id]}
                errors={edits.errors}
                conflict={edits.conflicts[row.id]}
                activeCol={isActive ? active.col : -1}
                editing={isActive ? editing : null}
                selected={props.selection.has(row.id)}
                expandable={props.expandable}
                expanded={props.expanded.has(row.id)}
                currency={props.ctxFor(row).currency}
                timeZone={me.workspace.timezone}
                refTitle={props.refTitle}
                computedValue={props.computedValue}
                onCellDown={onCellDown}
                onCellDoubleClick={onCellDoubleClick}
                onSelect={onSelect}
                onToggle={props.onToggle}
                onEditDone={onDone}
                onRevert={onRevert}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
