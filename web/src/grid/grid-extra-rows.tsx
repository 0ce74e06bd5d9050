import type { CSSProperties } from "react";
import { Link } from "react-router-dom";
import type { ApiRecord } from "../api-client.ts";
import { listColumns } from "../columns.ts";
import { enumLabel, type FieldMeta, fieldLabel, type ObjectMeta } from "../meta.types.ts";
import { recordTitle } from "../record-title.ts";
import { listPath, recordPath } from "../urls.ts";
import { compactMoney, displayText, number } from "./cell-display.ts";
import type { GridColumn } from "./grid-columns.ts";
import type { ChildList, GroupTotal } from "./grid-items.ts";

interface Common {
  ariaRowIndex: number;
  style: CSSProperties;
  span: number;
}

function sumText(sums: GroupTotal["sums"][string], money: boolean): string {
  if (sums.length === 0) return "0";
  return sums
    .map((s) => (money && s.currency ? compactMoney(s.value, s.currency) : number(s.value, 2)))
    .join(" + ");
}

/** A group's heading: its value, how many records and the sums of the grid's number columns. */
export function GroupRow(
  props: Common & {
    field: FieldMeta;
    value: string | null;
    total?: GroupTotal;
    columns: GridColumn[];
    refTitle?: string;
  },
) {
  const { field, value, total, columns } = props;
  const shown =
    value === null
      ? "(none)"
      : field.kind === "enum"
        ? enumLabel(value)
        : field.kind === "ref"
          ? (props.refTitle ?? value)
          : value;
  return (
    <tr aria-rowindex={props.ariaRowIndex} className="grid-row group-row" style={props.style}>
      <td aria-colindex={1} colSpan={props.span} className="grid-cell group-cell">
        <strong>
          {fieldLabel(field.name)}: {shown}
        </strong>
        {total && (
          <span className="group-totals">
            <span>
              {number(total.count, 0)} {total.count === 1 ? "record" : "records"}
            </span>
            {columns
              .filter((c) => c.field && total.sums[c.key])
              .map((c) => (
                <span key={c.key}>
                  {c.label} {sumText(total.sums[c.key], c.field?.kind === "money")}
                </span>
              ))}
          </span>
        )}
      </td>
    </tr>
  );
}

export function ChildHeaderRow(props: Common & { list: ChildList; parentId: string }) {
  const { list } = props;
  return (
    <tr aria-rowindex={props.ariaRowIndex} className="grid-row child-header" style={props.style}>
      <td aria-colindex={1} colSpan={props.span} className="grid-cell child-cell">
        <span className="child-label">
          {list.label} <span className="count">{list.loading ? "…" : (list.total ?? list.rows.length)}</span>
        </span>
        {!list.loading && list.rows.length === 0 && <span className="muted-text">None</span>}
        {(list.total ?? 0) > list.rows.length && (
          <Link tabIndex={-1} to={listPath(list.path, { [list.field]: props.parentId })}>
            View all {list.total}
          </Link>
        )}
      </td>
    </tr>
  );
}

/** A child record under its parent: its name and a few telling fields. */
export function ChildRow(
  props: Common & { child: ObjectMeta; field: string; record: ApiRecord; timeZone: string; currency: string },
) {
  const { child, record } = props;
  const fields = listColumns(child, 5, [props.field]).slice(1);
  const currency = typeof record.currency === "string" ? record.currency : props.currency;
  return (
    <tr aria-rowindex={props.ariaRowIndex} className="grid-row child-row" style={props.style}>
      <td aria-colindex={1} colSpan={props.span} className="grid-cell child-cell">
        <Link tabIndex={-1} to={recordPath(child.path, record.id)} className="record-link">
          {recordTitle(child, record, props.timeZone)}
        </Link>
        {fields.map((f) =>
          record[f.name] === null || record[f.name] === undefined || f.kind === "ref" ? null : (
            <span key={f.name} className="child-field">
              <span className="child-field-label">{fieldLabel(f.name)}</span>{" "}
              {displayText(f, record[f.name], { currency, timeZone: props.timeZone })}
            </span>
          ),
        )}
      </td>
    </tr>
  );
}

export function PlaceholderRow(props: Common) {
  return (
    <tr aria-rowindex={props.ariaRowIndex} className="grid-row placeholder-row" style={props.style}>
      <td aria-colindex={1} colSpan={props.span} className="grid-cell">
        <span className="skeleton" role="img" aria-label="Loading" />
      </td>
    </tr>
  );
}
