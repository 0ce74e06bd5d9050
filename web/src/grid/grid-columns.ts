import { checkFormula, type FormulaFields, type FormulaNode } from "../../../src/views/formula/index.ts";
import { listColumns } from "../columns.ts";
import { type FieldMeta, fieldLabel, type ObjectMeta, SYSTEM_FIELDS } from "../meta.types.ts";

export type ComputedFormat = "number" | "money" | "percent" | "text" | "date";

/** A computed column as a saved view stores it. */
export interface ComputedDef {
  key: string;
  label: string;
  formula: string;
  format: ComputedFormat;
}

export interface GridColumn {
  key: string;
  label: string;
  width: number;
  numeric: boolean;
  editable: boolean;
  field?: FieldMeta;
  computed?: ComputedDef & { node: FormulaNode | null; error: string | null; children: string[] };
}

const WIDTHS: Partial<Record<FieldMeta["kind"], number>> = {
  money: 150,
  integer: 110,
  number: 110,
  boolean: 90,
  date: 130,
  timestamp: 180,
  enum: 140,
  currency: 90,
  email: 220,
  ref: 190,
  url: 200,
};
const NUMERIC = new Set(["money", "integer", "number"]);
export const TITLE_WIDTH = 240;

/** Every field a column, a filter or a formula can name: the object's own and the managed ones. */
export function allFields(object: ObjectMeta): FieldMeta[] {
  return [...object.fields, ...SYSTEM_FIELDS.filter((s) => !object.fields.some((f) => f.name === s.name))];
}

/** The fields a formula over `object` may read, and those of each kind of child record. */
export function formulaScope(object: ObjectMeta, byKey: Map<string, ObjectMeta>): FormulaFields {
  const children: Record<string, string[]> = {};
  for (const r of object.related) {
    const child = byKey.get(r.object);
    if (child && !children[child.key]) children[child.key] = allFields(child).map((f) => f.name);
  }
  return { fields: allFields(object).map((f) => f.name), children };
}

export const defaultColumns = (object: ObjectMeta): string[] => listColumns(object, 10).map((f) => f.name);

/**
 * The grid's columns: the title field always first (it names the row), then the columns the
 * view lists, fields or computed; names the object does not have are left out.
 */
export function gridColumns(
  object: ObjectMeta,
  names: string[],
  computed: ComputedDef[],
  scope: FormulaFields,
  writable: boolean,
): GridColumn[] {
  const fields = new Map(allFields(object).map((f) => [f.name, f]));
  const title = fields.get(object.titleField) ?? fields.get("id")!;
  const ordered = [title.name, ...names.filter((n) => n !== title.name)];
  const columns: GridColumn[] = [];
  for (const name of ordered) {
    const field = fields.get(name);
    if (field) {
      const system = SYSTEM_FIELDS.some((s) => s.name === name);
      columns.push({
        key: name,
        label: fieldLabel(name),
        width: name === title.name ? TITLE_WIDTH : (WIDTHS[field.kind] ?? 200),
        numeric: NUMERIC.has(field.kind),
        editable: writable && !system && !field.readOnly && !field.immutable && field.kind !== "json",
        field,
      });
      continue;
    }
    const def = computed.find((c) => c.key === name);
    if (!def) continue;
    const check = checkFormula(def.formula, scope);
    columns.push({
      key: def.key,
      label: def.label,
      width: 160,
      numeric: def.format !== "text" && def.format !== "date",
      editable: false,
      computed: {
        ...def,
        node: check.ok ? check.node : null,
        error: check.ok ? null : check.error,
        children: check.ok ? [...check.references.children.keys()] : [],
      },
    });
  }
  return columns;
}

/** A key for a new computed column from its label: `Open pipeline` → `c_open_pipeline`. */
export function computedKey(label: string, taken: string[]): string {
  const base = `c_${
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 30) || "column"
  }`;
  let key = base;
  for (let i = 2; taken.includes(key); i++) key = `${base}_${i}`;
  return key;
}
