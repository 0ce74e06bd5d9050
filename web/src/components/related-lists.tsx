import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, type ListPage, listUrl } from "../api-client.ts";
import { listColumns } from "../columns.ts";
import { fieldLabel, type ObjectMeta } from "../meta.types.ts";
import { listPath } from "../urls.ts";
import { canRead, useWorkspace } from "../workspace-context.ts";
import { RecordsTable } from "./records-table.tsx";
import { ErrorNotice } from "./status.tsx";

const LIMIT = 20;

/** One small table per object that points at this record (contacts of an account, …). */
export function RelatedLists({ object, id }: { object: ObjectMeta; id: string }) {
  const { me, byKey } = useWorkspace();
  const lists = object.related
    .map((r) => ({ ...r, target: byKey.get(r.object)! }))
    .filter((r) => r.target && canRead(me, r.target));
  if (lists.length === 0) return null;
  const seen = new Map<string, number>();
  for (const r of lists) seen.set(r.object, (seen.get(r.object) ?? 0) + 1);
  return (
    <section aria-labelledby="related-title" className="related">
      <h2 id="related-title">Related records</h2>
      <div className="related-grid">
        {lists.map((r) => (
          <RelatedList
            key={`${r.object}.${r.field}`}
            target={r.target}
            field={r.field}
            id={id}
            // A reference to its own kind (parent account) or a second one needs the field named.
            heading={
              (seen.get(r.object) ?? 0) > 1 || r.object === object.key
                ? `${r.target.label} (${fieldLabel(r.field)})`
                : r.target.label
            }
          />
        ))}
      </div>
    </section>
  );
}

function RelatedList(props: { target: ObjectMeta; field: string; id: string; heading: string }) {
  const { target, field, id, heading } = props;
  const query = useQuery({
    queryKey: ["list", target.path, `related:${field}=${id}`],
    queryFn: () =>
      api.get<ListPage>(listUrl(target.path, { [field]: id, limit: LIMIT, include_total: true })),
  });
  const headingId = `related-${target.key}-${field}`;
  const total = query.data?.total;
  const rows = query.data?.data ?? [];
  return (
    <section className="card card-flush related-list" aria-labelledby={headingId}>
      <header className="related-header">
        <h3 id={headingId}>{heading}</h3>
        <span className="count">{total ?? "…"}</span>
        {total === 0 && <span className="muted">None</span>}
        {total !== undefined && total > 0 && (
          <Link className="view-all" to={listPath(target.path, { [field]: id })}>
            View all<span className="visually-hidden"> {heading}</span>
          </Link>
        )}
      </header>
      {query.isError && <ErrorNotice error={query.error} />}
      {rows.length > 0 && (
        <RecordsTable
          object={target}
          columns={listColumns(target, 4, [field])}
          rows={rows}
          caption={heading}
        />
      )}
    </section>
  );
}
