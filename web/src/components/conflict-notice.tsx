import type { ApiRecord } from "../api-client.ts";
import type { ObjectMeta } from "../meta.types.ts";
import { FieldList } from "./field-list.tsx";

interface Props {
  object: ObjectMeta;
  current?: ApiRecord;
  onReload: () => void;
}

/** Shown when a save was refused because the record changed since it was opened. */
export function ConflictNotice({ object, current, onReload }: Props) {
  return (
    <section className="notice notice-warning conflict" role="alert" aria-labelledby="conflict-title">
      <h2 id="conflict-title">Someone else saved this first</h2>
      <p>
        Your changes were not saved. Below are the values now stored
        {current?.version !== undefined && ` (version ${current.version})`}. Reload to edit those values, then
        make your changes again.
      </p>
      {current && <FieldList object={object} record={current} />}
      <button type="button" className="button button-primary" onClick={onReload}>
        Reload
      </button>
    </section>
  );
}
