import type { GridColumn } from "./grid-columns.ts";

interface Props {
  columns: GridColumn[];
  template: string;
  width: number;
  sort: string;
  /** Null when the list cannot be re-sorted (grouped by another field). */
  onSort: ((sort: string) => void) | null;
  allSelected: boolean;
  onSelectAll: () => void;
}

/** The column headers: field columns sort the list (server-side) when clicked. */
export function GridHeader({ columns, template, width, sort, onSort, allSelected, onSelectAll }: Props) {
  return (
    <thead className="grid-head">
      <tr aria-rowindex={1} className="grid-row header-row" style={{ gridTemplateColumns: template, width }}>
        <th scope="col" aria-colindex={1} className="grid-cell select-cell">
          <input
            type="checkbox"
            tabIndex={-1}
            checked={allSelected}
            onChange={onSelectAll}
            aria-label="Select all loaded rows"
          />
        </th>
        {columns.map((column, i) => {
          const direction =
            sort === column.key ? "ascending" : sort === `-${column.key}` ? "descending" : undefined;
          const sortable = onSort && column.field && column.field.kind !== "json";
          return (
            <th
              key={column.key}
              scope="col"
              aria-colindex={i + 2}
              aria-sort={sortable ? (direction ?? "none") : undefined}
              className={`grid-cell${column.numeric ? " num" : ""}${column.computed ? " computed-head" : ""}`}
              title={column.computed ? `${column.label} = ${column.computed.formula}` : undefined}
            >
              {sortable ? (
                <button
                  type="button"
                  tabIndex={-1}
                  className="sort-button"
                  onClick={() => onSort(direction === "ascending" ? `-${column.key}` : column.key)}
                >
                  {column.label}
                  <span className="sort-icon" aria-hidden="true">
                    {direction === "ascending" ? "▲" : direction === "descending" ? "▼" : "↕"}
                  </span>
                </button>
              ) : (
                <span>
                  {column.computed && (
                    <span className="fx" aria-hidden="true">
                      ƒ{" "}
                    </span>
                  )}
                  {column.label}
                </span>
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
