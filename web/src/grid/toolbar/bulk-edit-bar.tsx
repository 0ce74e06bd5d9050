import { type FormEvent, useState } from "react";
import type { ApiRecord } from "../../api-client.ts";
import type { CellContext } from "../cell-input.ts";
import { parseCell } from "../cell-input.ts";
import type { GridColumn } from "../grid-columns.ts";
import type { CellProblem } from "../grid-edits.ts";

interface Props {
  count: number;
  columns: GridColumn[];
  rows: () => ApiRecord[];
  ctxFor: (row: ApiRecord) => CellContext;
  onEdit: (cells: Array<{ row: ApiRecord; field: string; value: unknown }>) => void;
  onInvalid: (cells: CellProblem[]) => void;
  onClear: () => void;
}

/** Sets one field to one value on every selected row (pending until saved, like any edit). */
export function BulkEditBar({ count, columns, rows, ctxFor, onEdit, onInvalid, onClear }: Props) {
  const editable = columns.filter((c) => c.editable && c.field);
  const [field, setField] = useState(editable[0]?.key ?? "");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const column = editable.find((c) => c.key === field);
    if (!column?.field) return;
    const edits: Array<{ row: ApiRecord; field: string; value: unknown }> = [];
    const problems: CellProblem[] = [];
    for (const row of rows()) {
      const parsed = parseCell(column.field, value, ctxFor(row));
      if (parsed.ok) edits.push({ row, field, value: parsed.value });
      else problems.push({ id: row.id, field, message: parsed.error });
    }
    setError(problems[0] ? `${column.label} ${problems[0].message}` : null);
    if (edits.length > 0) onEdit(edits);
    if (problems.length > 0) onInvalid(problems);
  };
  return (
    <form className="bulk-bar" onSubmit={apply} aria-label="Edit the selected rows">
      <strong>{count} selected</strong>
      {editable.length > 0 && (
        <>
          <span>
            <label htmlFor="bulk-field">Set</label>
            <select id="bulk-field" value={field} onChange={(e) => setField(e.target.value)}>
              {editable.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label}
                </option>
              ))}
            </select>
          </span>
          <label>
            to
            <input
              value={value}
              onChange={(e) => setValue(e.target.value)}
              placeholder="value (10k, 1.5m…)"
            />
          </label>
          <button type="submit" className="button">
            Apply to {count}
          </button>
        </>
      )}
      <button type="button" className="button button-ghost-light" onClick={onClear}>
        Clear selection
      </button>
      {error && <span className="field-error">{error}</span>}
    </form>
  );
}
