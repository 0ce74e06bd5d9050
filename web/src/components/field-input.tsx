import type { InputHTMLAttributes, ReactNode } from "react";
import { minorDigits } from "../format.ts";
import { enumLabel, type FieldMeta, fieldLabel } from "../meta.types.ts";
import { useWorkspace } from "../workspace-context.ts";

interface Props {
  field: FieldMeta;
  value: string | boolean;
  onChange: (value: string | boolean) => void;
  error?: string;
  disabled?: boolean;
  /** Currency the amount of a money field is typed in. */
  currency: string;
  idPrefix: string;
}

/** A labelled input for one field, chosen by the field's kind, with its error underneath. */
export function FieldInput({ field, value, onChange, error, disabled, currency, idPrefix }: Props) {
  const { me, byKey } = useWorkspace();
  const id = `${idPrefix}-${field.name}`;
  const hint = hintFor(field, currency, me.workspace.timezone, byKey.get(field.ref ?? "")?.singular);
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  const common = {
    id,
    name: field.name,
    disabled,
    "aria-invalid": error ? true : undefined,
    "aria-required": field.required || undefined,
    "aria-describedby": describedBy || undefined,
  };
  const text = typeof value === "string" ? value : "";

  let control: ReactNode;
  switch (field.kind) {
    case "boolean":
      control = (
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
      break;
    case "enum":
      control = (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">—</option>
          {field.values?.map((v) => (
            <option key={v} value={v}>
              {enumLabel(v)}
            </option>
          ))}
        </select>
      );
      break;
    case "json":
      control = (
        <textarea
          {...common}
          rows={4}
          className="mono"
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    default:
      control = (
        <input
          {...common}
          {...inputProps(field, currency)}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }

  return (
    <div
      className={
        field.kind === "boolean" ? "field field-check" : field.kind === "json" ? "field field-wide" : "field"
      }
    >
      <label htmlFor={id}>
        {fieldLabel(field.name)}
        {field.required && (
          <span className="required" aria-hidden="true">
            {" "}
            *
          </span>
        )}
      </label>
      {control}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

function inputProps(field: FieldMeta, currency: string): InputHTMLAttributes<HTMLInputElement> {
  switch (field.kind) {
    case "email":
      return { type: "email", autoComplete: "off" };
    case "url":
      return { type: "text", inputMode: "url" };
    case "integer":
      return { type: "number", step: 1 };
    case "number":
      return { type: "number", step: "any" };
    case "money":
      return { type: "number", step: 10 ** -minorDigits(currency) };
    case "date":
      return { type: "date" };
    case "timestamp":
      return { type: "datetime-local" };
    case "currency":
      return { type: "text", maxLength: 3, className: "short", autoCapitalize: "characters" };
    case "ref":
      return { type: "text", className: "mono", spellCheck: false };
    default:
      return { type: "text" };
  }
}

function hintFor(field: FieldMeta, currency: string, timeZone: string, refName?: string): string | undefined {
  if (field.kind === "money") return `Amount in ${currency}`;
  if (field.kind === "timestamp") return `Time in ${timeZone}`;
  if (field.kind === "ref") return `ID of the ${(refName ?? field.ref ?? "record").replaceAll("_", " ")}`;
  if (field.kind === "currency") return "ISO code, e.g. USD";
  return field.description;
}
