import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, type ListPage, listUrl } from "../api-client.ts";
import { listColumns } from "../columns.ts";
import { RecordsTable } from "../components/records-table.tsx";
import { ErrorNotice } from "../components/status.tsx";
import { compactMoney, number } from "../grid/cell-display.ts";
import type { GroupTotal } from "../grid/grid-items.ts";
import { enumLabel, type ObjectMeta } from "../meta.types.ts";
import { listPath } from "../urls.ts";

const LIMIT = 8;

/** A short list of records with a link to the whole list in the grid. */
export function ListSection(props: {
  title: string;
  object: ObjectMeta;
  params: Record<string, string>;
  /** Fields to show; the object's most telling four when absent. */
  columns?: string[];
}) {
  const { title, object, params } = props;
  const picked = (props.columns ?? []).flatMap((name) => object.fields.filter((f) => f.name === name));
  const columns = picked.length > 0 ? picked : listColumns(object, 4);
  const query = useQuery({
    queryKey: ["home", object.path, params],
    queryFn: () => api.get<ListPage>(listUrl(object.path, { ...params, limit: LIMIT, include_total: true })),
  });
  const id = `home-${title.replace(/\W+/g, "-").toLowerCase()}`;
  const total = query.data?.total;
  return (
    <section className="card card-flush home-section" aria-labelledby={id}>
      <header className="related-header">
        <h2 id={id}>{title}</h2>
        <span className="count">{total ?? "…"}</span>
        {total !== undefined && total > 0 && (
          <Link className="view-all" to={listPath(object.path, params)}>
            Open in grid<span className="visually-hidden"> {title}</span>
          </Link>
        )}
      </header>
      {query.isError && <ErrorNotice error={query.error} />}
      {total === 0 && <p className="empty-state small">Nothing here.</p>}
      {query.data && query.data.data.length > 0 && (
        <RecordsTable object={object} columns={columns} rows={query.data.data} caption={title} />
      )}
    </section>
  );
}

/** Count (and a sum) per value of a field, as bars: pipeline by stage, tickets by priority. */
export function TotalsSection(props: {
  title: string;
  object: ObjectMeta;
  groupBy: string;
  sum?: string;
  params: Record<string, string>;
}) {
  const { title, object, groupBy, sum, params } = props;
  const query = useQuery({
    queryKey: ["home-groups", object.path, groupBy, sum, params],
    queryFn: () =>
      api.get<{ groups: GroupTotal[]; total: number }>(
        listUrl(`${object.path}/groups`, { ...params, group_by: groupBy, sum: sum ?? "" }),
      ),
  });
  const groups = query.data?.groups ?? [];
  const max = Math.max(1, ...groups.map((g) => g.count));
  const id = `home-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <section className="card home-section" aria-labelledby={id}>
      <header className="home-totals-header">
        <h2 id={id}>{title}</h2>
        <span className="count">{query.data ? number(query.data.total, 0) : "…"}</span>
      </header>
      {query.isError && <ErrorNotice error={query.error} />}
      {query.isSuccess && groups.length === 0 && <p className="empty-state small">Nothing here.</p>}
      <ul className="bars">
        {groups.slice(0, 10).map((g) => {
          const sums = sum ? (g.sums[sum] ?? []) : [];
          return (
            <li key={String(g.value)}>
              <Link to={listPath(object.path, { ...params, [groupBy]: g.value ?? "" })} className="bar-label">
                {g.value === null ? "(none)" : enumLabel(g.value)}
              </Link>
              <span className="bar" style={{ width: `${(g.count / max) * 100}%` }} aria-hidden="true" />
              <span className="bar-value">
                {number(g.count, 0)}
                {sums.length > 0 &&
                  ` · ${sums.map((s) => (s.currency ? compactMoney(s.value, s.currency) : number(s.value, 0))).join(" + ")}`}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function LinksSection({
  title,
  links,
}: {
  title: string;
  links: Array<{ label: string; to: string }>;
}) {
  return (
    <section className="card home-section">
      <h2>{title}</h2>
      <ul className="home-links">
        {links.map((l) => (
          <li key={l.to}>
            {l.to.startsWith("/docs") ? <a href={l.to}>{l.label}</a> : <Link to={l.to}>{l.label}</Link>}
          </li>
        ))}
      </ul>
    </section>
  );
}
