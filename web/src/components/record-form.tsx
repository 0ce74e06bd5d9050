import { type FormEvent, useState } from "react";
import { ApiError, type ApiErrorBody, type ApiRecord } from "../api-client.ts";
import { currencyOf, editableFields, type FormValues, toFormValues, toRequestBody } from "../form-values.ts";
import type { ObjectMeta } from "../meta.types.ts";
import { useWorkspace } from "../workspace-context.ts";
import { FieldInput } from "./field-input.tsx";

interface Props {
  object: ObjectMeta;
  /** The record being edited; absent for a new record. */
  original?: ApiRecord;
  save: (body: Record<string, unknown>) => Promise<ApiRecord>;
  onSaved: (record: ApiRecord) => void;
  onCancel: () => void;
  /** Called instead of showing the error when someone else saved the record first. */
  onConflict?: (error: ApiErrorBody) => void;
  submitLabel: string;
}

/** A form generated from the object's field metadata; shows the API's errors beside each field. */
export function RecordForm({ object, original, save, onSaved, onCancel, onConflict, submitLabel }: Props) {
  const { formContext } = useWorkspace();
  const [values, setValues] = useState<FormValues>(() => toFormValues(object.fields, original, formContext));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idPrefix = original ? `edit-${object.key}` : `new-${object.key}`;
  const fields = editableFields(object.fields);
  const currency = currencyOf(values, formContext);

  const showErrors = (fieldErrors: Record<string, string>, message: string | null) => {
    setErrors(fieldErrors);
    const shown = fields.some((f) => fieldErrors[f.name]);
    setFormError(shown ? "Please correct the fields marked below." : message);
    const first = fields.find((f) => fieldErrors[f.name]);
    if (first) requestAnimationFrame(() => document.getElementById(`${idPrefix}-${first.name}`)?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { body, errors: local } = toRequestBody(object.fields, values, formContext, original);
    if (Object.keys(local).length > 0) return showErrors(local, null);
    if (original && Object.keys(body).length === 0) return onCancel();
    setBusy(true);
    try {
      onSaved(await save(original ? { ...body, version: original.version } : body));
    } catch (error) {
      if (error instanceof ApiError && error.body.code === "version_conflict" && onConflict) {
        onConflict(error.body);
      } else if (error instanceof ApiError) {
        showErrors(error.fieldErrors(), error.message);
      } else {
        showErrors({}, "Could not reach the server. Try again.");
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="record-form"
      onSubmit={submit}
      noValidate
      aria-label={`${submitLabel} ${object.singular}`}
    >
      {formError && (
        <p className="notice notice-error" role="alert">
          {formError}
        </p>
      )}
      <div className="form-grid">
        {fields.map((field) => (
          <FieldInput
            key={field.name}
            field={field}
            idPrefix={idPrefix}
            value={values[field.name] ?? ""}
            onChange={(value) => setValues((v) => ({ ...v, [field.name]: value }))}
            error={errors[field.name]}
            disabled={Boolean(original && field.immutable)}
            currency={currency}
          />
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
