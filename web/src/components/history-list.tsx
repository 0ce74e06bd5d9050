import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { type ApiRecord, api } from "../api-client.ts";
import { formatTimestamp } from "../format.ts";
import { enumLabel, type FieldMeta, fieldLabel, type ObjectMeta, SYSTEM_FIELDS } from "../meta.types.ts";
import { recordPath } from "../urls.ts";
import { useWorkspace } from "../workspace-context.ts";
import { FieldValue } from "./field-value.tsx";
import { ErrorNotice, Loading } from "./status.tsx";
import { useRefTitles } from "./use-ref-titles.ts";

interface HistoryEntry {
  id: string | number;
  action: string;
  actor_type: string;
  actor_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  occurred_at: string;
}

const ACTOR: FieldMeta = {
  name: "actor_id",
  kind: "ref",
  ref: "users",
  required: false,
  readOnly: true,
  immutable: true,
};
const IGNORED = new Set(["version", "updated_at", "created_at", "workspace_id"]);

/** Field-level changes of one audit entry: what was before and what came after. */
function changes(entry: HistoryEntry): Array<{ field: string; before: unknown; after: unknown }> {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields]
    .filter((f) => !IGNORED.has(f) && JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

const show = (value: unknown) =>
  value === null || value === undefined
    ? "—"
    : typeof value === "object"
      ? JSON.stringify(value)
      : String(value);

/** The audit trail of a record, newest first. */
export function HistoryList({ object, id }: { object: ObjectMeta; id: string }) {
  const { me } = useWorkspace();
  const fields = new Map([...object.fields, ...SYSTEM_FIELDS].map((f) => [f.name, f]));
  /** A changed value formatted like the record page shows it (money in its currency, times in the zone). */
  const value = (name: string, v: unknown, side: Record<string, unknown> | null) => {
    const field = fields.get(name);
    if (!field || v === null || v === undefined) return show(v);
    return <FieldValue field={field} record={{ ...side, id: "", [name]: v }} />;
  };
  const query = useQuery({
    queryKey: ["history", object.path, id],
    queryFn: () => api.get<{ data: HistoryEntry[] }>(`/api/${object.path}/${id}/history`),
  });
  const actors = useRefTitles([ACTOR], (query.data?.data ?? []) as unknown as ApiRecord[]);
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {query.isPending && <Loading />}
      {query.isError && <ErrorNotice error={query.error} />}
      {query.data?.data.length === 0 && <p className="empty-state small">No changes recorded.</p>}
      <ol className="history">
        {query.data?.data.map((entry) => {
          const list = changes(entry);
          return (
            <li key={entry.id}>
              <div className="history-head">
                <span className="badge">{enumLabel(entry.action)}</span>
                <span>
                  by{" "}
                  {entry.actor_type === "user" && entry.actor_id ? (
                    <Link to={recordPath("users", entry.actor_id)}>
                      {actors.get(entry.actor_id) ?? entry.actor_id}
                    </Link>
                  ) : (
                    <>
                      {entry.actor_type.replaceAll("_", " ")}
                      {entry.actor_id && <code> {entry.actor_id}</code>}
                    </>
                  )}
                </span>
                <time dateTime={entry.occurred_at} className="muted">
                  {formatTimestamp(entry.occurred_at, me.workspace.timezone)}
                </time>
              </div>
              {list.length > 0 && entry.action !== "created" && (
                <ul className="history-changes">
                  {list.map((c) => (
                    <li key={c.field}>
                      <strong>{fieldLabel(c.field)}</strong>:{" "}
                      <del>{value(c.field, c.before, entry.before)}</del> →{" "}
                      <ins>{value(c.field, c.after, entry.after)}</ins>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
