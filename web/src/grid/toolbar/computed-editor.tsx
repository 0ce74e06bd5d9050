import { type FormEvent, useState } from "react";
import { checkFormula, type FormulaFields } from "../../../../src/views/formula/index.ts";
import { type ComputedDef, type ComputedFormat, computedKey } from "../grid-columns.ts";
import { Menu } from "./menu.tsx";

interface Props {
  computed: ComputedDef[];
  scope: FormulaFields;
  onChange: (computed: ComputedDef[], added?: string, removed?: string) => void;
}

const FORMATS: ComputedFormat[] = ["number", "money", "percent", "text", "date"];
const EXAMPLES = [
  "sum(opportunities.amount_minor, status = 'open')",
  "amount_minor * probability / 100",
  "days_since(created_at)",
];

/** Adds and removes computed columns; a formula is checked as it is typed. */
export function ComputedEditor({ computed, scope, onChange }: Props) {
  const [label, setLabel] = useState("");
  const [formula, setFormula] = useState("");
  const [format, setFormat] = useState<ComputedFormat>("number");
  const check = formula.trim() ? checkFormula(formula, scope) : null;
  const children = Object.keys(scope.children);

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!label.trim() || !check?.ok) return;
    const key = computedKey(
      label,
      computed.map((c) => c.key),
    );
    onChange([...computed, { key, label: label.trim(), formula: formula.trim(), format }], key);
    setLabel("");
    setFormula("");
  };

  return (
    <Menu label={<>ƒ Computed ({computed.length})</>}>
      {() => (
        <div className="menu-panel computed-editor">
          {computed.length > 0 && (
            <ul className="computed-list">
              {computed.map((c) => (
                <li key={c.key}>
                  <strong>{c.label}</strong> <code>{c.formula}</code>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove ${c.label}`}
                    onClick={() =>
                      onChange(
                        computed.filter((x) => x.key !== c.key),
                        undefined,
                        c.key,
                      )
                    }
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form onSubmit={add} className="computed-form" aria-label="Add a computed column">
            <label>
              Column name
              <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="Open pipeline" />
            </label>
            <label>
              Formula
              <textarea
                value={formula}
                rows={2}
                className="mono"
                onChange={(e) => setFormula(e.target.value)}
                placeholder={EXAMPLES[0]}
                aria-invalid={check && !check.ok ? true : undefined}
                aria-describedby="formula-help"
              />
            </label>
            <span>
              <label htmlFor="computed-format">Shown as</label>
              <select
                id="computed-format"
                value={format}
                onChange={(e) => setFormat(e.target.value as ComputedFormat)}
              >
                {FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </select>
            </span>
            <p id="formula-help" className={check && !check.ok ? "field-error" : "hint"}>
              {check && !check.ok
                ? `Formula ${check.error}`
                : `Fields by name, + − × ÷, = != < >, and/or/not, if(), round(), coalesce(), days_since(); roll-ups: sum/avg/min/max/count(${children[0] ?? "child"}.field, condition)${children.length ? ` over ${children.join(", ")}` : ""}.`}
            </p>
            <button type="submit" className="button button-primary" disabled={!label.trim() || !check?.ok}>
              Add column
            </button>
          </form>
        </div>
      )}
    </Menu>
  );
}
