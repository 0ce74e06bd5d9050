import { type FormEvent, useState } from "react";
import { enumLabel, type FieldMeta, fieldLabel } from "../meta.types.ts";

export const RESERVED_PARAMS = new Set(["sort", "q", "cursor", "limit", "include_total", "view", "group"]);

const OPERATORS: Array<{ op: string; label: string }> = [
  { op: "eq", label: "is" },
  { op: "ne", label: "is not" },
  { op: "like", label: "contains" },
  { op: "gt", label: ">" },
  { op: "gte", label: "≥" },
  { op: "lt", label: "<" },
  { op: "lte", label: "≤" },
  { op: "in", label: "is one of" },
  { op: "null", label: "is empty" },
];

export interface Filter {
  param: string;
  field: string;
  op: string;
  value: string;
}

/** Filters in a URL: every parameter that is not a list option, `field` or `field[op]`. */
export function filtersOf(params: URLSearchParams): Filter[] {
  const out: Filter[] = [];
  for (const [param, value] of params) {
    if (RESERVED_PARAMS.has(param)) continue;
    const match = /^([a-z_]+)(?:\[([a-z]+)\])?$/.exec(param);
    if (match) out.push({ param, field: match[1], op: match[2] ?? "eq", value });
  }
  return out;
}

export function filterParam(field: string, op: string): string {
  return op === "eq" ? field : `${field}[${op}]`;
}

export function describeFilter(filter: Filter): string {
  const label = OPERATORS.find((o) => o.op === filter.op)?.label ?? filter.op;
  if (filter.op === "null")
    return `${fieldLabel(filter.field)} ${filter.value === "false" ? "is not empty" : label}`;
  return `${fieldLabel(filter.field)} ${label} ${filter.value}`;
}

interface Props {
  fields: FieldMeta[];
  filters: Filter[];
  onAdd: (param: string, value: string) => void;
  onRemove: (param: string) => void;
}

/** The active filters as removable chips, and a field + operator + value row to add one. */
export function FilterRow({ fields, filters, onAdd, onRemove }: Props) {
  const [fieldName, setFieldName] = useState(fields[0]?.name ?? "");
  const [op, setOp] = useState("eq");
  const [value, setValue] = useState("");
  const field = fields.find((f) => f.name === fieldName);

  const add = (event: FormEvent) => {
    event.preventDefault();
    const v = op === "null" ? value || "true" : value.trim();
    if (!field || v === "") return;
    onAdd(filterParam(field.name, op), v);
    setValue("");
  };

  return (
    <div className="filters">
      <form className="filter-form" onSubmit={add} aria-label="Add a filter">
        <label className="visually-hidden" htmlFor="filter-field">
          Filter field
        </label>
        <select id="filter-field" value={fieldName} onChange={(e) => setFieldName(e.target.value)}>
          {fields.map((f) => (
            <option key={f.name} value={f.name}>
              {fieldLabel(f.name)}
            </option>
          ))}
        </select>
        <label className="visually-hidden" htmlFor="filter-op">
          Operator
        </label>
        <select id="filter-op" value={op} onChange={(e) => setOp(e.target.value)}>
          {OPERATORS.map((o) => (
            <option key={o.op} value={o.op}>
              {o.label}
            </option>
          ))}
        </select>
        <label className="visually-hidden" htmlFor="filter-value">
          Filter value
        </label>
        <FilterValueInput field={field} op={op} value={value} onChange={setValue} />
        <button type="submit" className="button">
          Add filter
        </button>
      </form>
      {filters.length > 0 && (
        <ul className="chips" aria-label="Active filters">
          {filters.map((f) => (
            <li key={f.param} className="chip">
              {describeFilter(f)}
              <button type="button" className="chip-remove" onClick={() => onRemove(f.param)}>
                <span aria-hidden="true">×</span>
                <span className="visually-hidden">Remove filter {describeFilter(f)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function FilterValueInput(props: {
  field?: FieldMeta;
  op: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const { field, op, value, onChange } = props;
  if (op === "null" || field?.kind === "boolean") {
    const labels = op === "null" ? ["empty", "not empty"] : ["yes", "no"];
    return (
      <select id="filter-value" value={value || "true"} onChange={(e) => onChange(e.target.value)}>
        {["true", "false"].map((o, i) => (
          <option key={o} value={o}>
            {labels[i]}
          </option>
        ))}
      </select>
    );
  }
  if (field?.kind === "enum" && op !== "like" && op !== "in") {
    return (
      <select id="filter-value" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose…</option>
        {field.values?.map((v) => (
          <option key={v} value={v}>
            {enumLabel(v)}
          </option>
        ))}
      </select>
    );
  }
  const dated = (field?.kind === "date" || field?.kind === "timestamp") && op !== "like" && op !== "in";
  const type = dated ? "date" : "text";
  const placeholder =
    op === "in"
      ? "a,b,c"
      : field?.kind === "money"
        ? "minor units (cents)"
        : field
          ? fieldLabel(field.name)
          : "";
  return (
    <input
      id="filter-value"
      type={type}
      value={value}
      placeholder={placeholder}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
