import type { ApiRecord } from "../api-client.ts";
import { fieldLabel, type ObjectMeta, SYSTEM_FIELDS } from "../meta.types.ts";
import { FieldValue } from "./field-value.tsx";
import { useRefTitles } from "./use-ref-titles.ts";

/** Every field of a record as label/value pairs, then the fields Revline manages. */
export function FieldList({ object, record }: { object: ObjectMeta; record: ApiRecord }) {
  const titles = useRefTitles(object.fields, [record]);
  const managed = SYSTEM_FIELDS.filter((f) => f.name in record && f.name !== "id");
  return (
    <>
      <dl className="fields">
        {object.fields.map((field) => (
          <div key={field.name} className={field.kind === "json" ? "field-item field-wide" : "field-item"}>
            <dt title={field.description}>{fieldLabel(field.name)}</dt>
            <dd>
              <FieldValue
                field={field}
                record={record}
                refTitle={titles.get(String(record[field.name] ?? ""))}
              />
            </dd>
          </div>
        ))}
      </dl>
      <dl className="fields fields-managed" aria-label="Managed by Revline">
        {managed.map((field) => (
          <div key={field.name} className="field-item">
            <dt>{fieldLabel(field.name)}</dt>
            <dd>
              <FieldValue field={field} record={record} />
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
