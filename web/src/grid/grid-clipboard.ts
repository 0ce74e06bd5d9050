import type { ApiRecord } from "../api-client.ts";
import { type CellContext, parseCell } from "./cell-input.ts";
import type { GridColumn } from "./grid-columns.ts";
import type { CellProblem } from "./grid-edits.ts";

export interface PasteResult {
  edits: Array<{ row: ApiRecord; field: string; value: unknown }>;
  problems: CellProblem[];
  /** Cells of the block that fell on columns no one can edit, or past the loaded rows. */
  skipped: number;
}

/**
 * A pasted block laid on the grid from the active cell: block column j goes to grid column
 * `col + j`, block row i to the i-th target row. One value pasted on several selected rows
 * fills them all. Each cell is read like a typed one; cells that do not read are refused.
 */
export function pasteBlock(
  block: string[][],
  targets: ApiRecord[],
  col: number,
  columns: GridColumn[],
  ctxFor: (row: ApiRecord) => CellContext,
): PasteResult {
  const result: PasteResult = { edits: [], problems: [], skipped: 0 };
  const fill = block.length === 1 && block[0].length === 1 && targets.length > 1;
  const rows = fill ? targets.map(() => block[0]) : block;
  rows.forEach((cells, i) => {
    const row = targets[i];
    cells.forEach((text, j) => {
      const column = columns[col + j];
      if (!row || !column?.editable || !column.field) {
        result.skipped++;
        return;
      }
      const parsed = parseCell(column.field, text, ctxFor(row));
      if (parsed.ok) result.edits.push({ row, field: column.key, value: parsed.value });
      else result.problems.push({ id: row.id, field: column.key, message: parsed.error });
    });
  });
  return result;
}
