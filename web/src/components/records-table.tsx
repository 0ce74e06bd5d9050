import { Link } from "react-router-dom";
import type { ApiRecord } from "../api-client.ts";
import { type FieldMeta, fieldLabel, type ObjectMeta } from "../meta.types.ts";
import { recordTitle } from "../record-title.ts";
import { recordPath } from "../urls.ts";
import { useWorkspace } from "../workspace-context.ts";
import { FieldValue } from "./field-value.tsx";
import { useRefTitles } from "./use-ref-titles.ts";

interface Props {
  object: ObjectMeta;
  columns: FieldMeta[];
  rows: ApiRecord[];
  caption: string;
  /** Current sort (`field` or `-field`); with onSort, headers become sort buttons. */
  sort?: string;
  onSort?: (sort: string) => void;
}

const NUMERIC = new Set(["money", "integer", "number"]);

/** A table of records; the first column links to each record's page. */
export function RecordsTable({ object, columns, rows, caption, sort, onSort }: Props) {
  const { me } = useWorkspace();
  const titles = useRefTitles(columns, rows);
  return (
    <div className="table-wrap">
      <table className="records">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((field) => (
              <HeaderCell key={field.name} field={field} sort={sort} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              {columns.map((field, i) => (
                <td key={field.name} className={NUMERIC.has(field.kind) ? "num" : undefined}>
                  {i === 0 ? (
                    <Link to={recordPath(object.path, row.id)} className="record-link">
                      {recordTitle(object, row, me.workspace.timezone)}
                    </Link>
                  ) : (
                    <FieldValue
                      field={field}
                      record={row}
                      refTitle={titles.get(String(row[field.name] ?? ""))}
                    />
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HeaderCell({
  field,
  sort,
  onSort,
}: {
  field: FieldMeta;
  sort?: string;
  onSort?: (s: string) => void;
}) {
  const label = fieldLabel(field.name);
  const className = NUMERIC.has(field.kind) ? "num" : undefined;
  if (!onSort || field.kind === "json") {
    return (
      <th scope="col" className={className}>
        {label}
      </th>
    );
  }
  const direction = sort === field.name ? "ascending" : sort === `-${field.name}` ? "descending" : undefined;
  const next = direction === "ascending" ? `-${field.name}` : field.name;
  return (
    <th scope="col" className={className} aria-sort={direction ?? "none"}>
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort(next)}
        title={`Sort by ${label} ${direction === "ascending" ? "descending" : "ascending"}`}
      >
        {label}
        <span className="sort-icon" aria-hidden="true">
          {direction === "ascending" ? "▲" : direction === "descending" ? "▼" : "↕"}
        </span>
      </button>
    </th>
  );
}
