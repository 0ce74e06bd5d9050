import { type MouseEvent, memo, type ReactNode } from "react";
import { Link } from "react-router-dom";
import type { FormulaValue } from "../../../src/views/formula/index.ts";
import type { ApiRecord } from "../api-client.ts";
import { fieldLabel } from "../meta.types.ts";
import { recordPath } from "../urls.ts";
import { displayText } from "./cell-display.ts";
import { CellEditor, type EditorExit } from "./cell-editor.tsx";
import { computedText } from "./computed-format.ts";
import type { GridColumn } from "./grid-columns.ts";
import { cellKey } from "./grid-edits.ts";

export interface Editing {
  col: number;
  text: string;
  selectAll: boolean;
}

export interface DataRowProps {
  path: string;
  row: ApiRecord;
  index: number;
  ariaRowIndex: number;
  /** Where the row sits in the list (px), and the column widths. */
  top: number;
  template: string;
  width: number;
  columns: GridColumn[];
  /** Values typed but not saved, of this row. */
  pending: Record<string, unknown> | undefined;
  errors: Record<string, string>;
  conflict: ApiRecord | undefined;
  activeCol: number;
  editing: Editing | null;
  selected: boolean;
  expandable: boolean;
  expanded: boolean;
  currency: string;
  timeZone: string;
  refTitle: (id: unknown) => string | undefined;
  computedValue: (row: ApiRecord, column: GridColumn) => FormulaValue | undefined;
  onCellDown: (index: number, col: number, event: MouseEvent) => void;
  onCellDoubleClick: (index: number, col: number) => void;
  onSelect: (index: number, range: boolean) => void;
  onToggle: (id: string) => void;
  onEditDone: (text: string, exit: EditorExit) => void;
  onRevert: (id: string, field: string) => void;
}

export const cellId = (index: number, col: number) => `grid-cell-${index}-${col}`;

/** One record: a selection cell, then one cell per column; memoised so scrolling re-renders only new rows. */
export const DataRow = memo(function DataRow(p: DataRowProps) {
  const { row, index, columns } = p;
  return (
    <tr
      aria-rowindex={p.ariaRowIndex}
      aria-selected={p.selected}
      className={`grid-row${p.selected ? " selected" : ""}${p.conflict ? " row-conflict" : ""}`}
      style={{ transform: `translateY(${p.top}px)`, gridTemplateColumns: p.template, width: p.width }}
    >
      <td className="grid-cell select-cell" aria-colindex={1}>
        <input
          type="checkbox"
          tabIndex={-1}
          checked={p.selected}
          aria-label={`Select row ${index + 1}`}
          onClick={(e) => p.onSelect(index, e.shiftKey)}
          onChange={() => undefined}
        />
        {p.expandable && (
          <button
            type="button"
            tabIndex={-1}
            className="expand-button"
            aria-expanded={p.expanded}
            aria-label={`${p.expanded ? "Hide" : "Show"} related records of row ${index + 1}`}
            onClick={() => p.onToggle(row.id)}
          >
            {p.expanded ? "▾" : "▸"}
          </button>
        )}
      </td>
      {columns.map((column, col) => {
        const field = column.field;
        const changed = field !== undefined && p.pending !== undefined && field.name in p.pending;
        const error = p.errors[cellKey(row.id, column.key)];
        const active = p.activeCol === col;
        const editing = active && p.editing?.col === col ? p.editing : null;
        const classes = ["grid-cell"];
        if (column.numeric) classes.push("num");
        if (changed) classes.push("changed");
        if (error) classes.push("invalid");
        if (active) classes.push("active");
        if (!column.editable) classes.push("readonly");
        let content: ReactNode;
        if (editing && field) {
          content = (
            <CellEditor
              field={field}
              initial={editing.text}
              selectAll={editing.selectAll}
              label={`${column.label}, row ${index + 1}`}
              onDone={p.onEditDone}
            />
          );
        } else if (column.computed) {
          const value = p.computedValue(row, column);
          content =
            column.computed.error !== null ? (
              <span className="cell-error" title={column.computed.error}>
                formula: {column.computed.error}
              </span>
            ) : value === undefined ? (
              <span className="muted-text">…</span>
            ) : (
              computedText(column.computed.format, value, p.currency)
            );
        } else {
          const text = displayText(field!, row[column.key], {
            currency: p.currency,
            timeZone: p.timeZone,
            refTitle: field?.kind === "ref" ? p.refTitle(row[column.key]) : undefined,
          });
          content =
            col === 0 ? (
              <Link to={recordPath(p.path, row.id)} tabIndex={-1} className="record-link">
                {text || row.id}
              </Link>
            ) : (
              text
            );
        }
        return (
          // biome-ignore lint/a11y/useAriaPropsSupportedByRole: a td of a role=grid table is a gridcell (HTML-AAM), which has aria-readonly
          <td
            key={column.key}
            id={cellId(index, col)}
            aria-colindex={col + 2}
            aria-readonly={!column.editable || undefined}
            aria-invalid={error ? true : undefined}
            className={classes.join(" ")}
            title={error ? `${column.label}: ${error}` : undefined}
            onMouseDown={(e) => p.onCellDown(index, col, e)}
            onDoubleClick={() => p.onCellDoubleClick(index, col)}
          >
            <span className="cell-value">{content}</span>
            {error && !editing && <span className="cell-error">{error}</span>}
            {changed && !editing && (
              <button
                type="button"
                tabIndex={-1}
                className="revert-button"
                aria-label={`Undo change to ${fieldLabel(column.key)}`}
                title="Undo this change (Alt+Z)"
                onMouseDown={(e) => e.stopPropagation()}
                onClick={() => p.onRevert(row.id, column.key)}
              >
                ↺
              </button>
            )}
          </td>
        );
      })}
    </tr>
  );
});
