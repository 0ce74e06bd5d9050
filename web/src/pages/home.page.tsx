import { useQueries } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { api, type ListPage, listUrl } from "../api-client.ts";
import { formatNumber } from "../format.ts";
import { AREAS } from "../meta.types.ts";
import { listPath } from "../urls.ts";
import { useTitle } from "../use-title.ts";
import { canRead, useWorkspace } from "../workspace-context.ts";

export function HomePage() {
  const { me, objects } = useWorkspace();
  useTitle("Overview");
  const readable = objects.filter((o) => canRead(me, o));
  const counts = useQueries({
    queries: readable.map((o) => ({
      queryKey: ["count", o.path],
      queryFn: () => api.get<ListPage>(listUrl(o.path, { limit: 1, include_total: true })),
    })),
  });
  const countOf = new Map(readable.map((o, i) => [o.key, counts[i]]));

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{me.workspace.name}</h1>
          <p className="muted">
            Every record of the workspace, by area. Times shown in {me.workspace.timezone}; reporting currency{" "}
            {me.workspace.reporting_currency}.
          </p>
        </div>
      </header>
      <div className="overview">
        {AREAS.map((area) => {
          const items = readable.filter((o) => o.area === area.key);
          if (items.length === 0) return null;
          return (
            <section key={area.key} className="card overview-card" aria-labelledby={`area-${area.key}`}>
              <h2 id={`area-${area.key}`}>{area.label}</h2>
              <ul>
                {items.map((o) => {
                  const count = countOf.get(o.key);
                  const total = count?.data?.total;
                  return (
                    <li key={o.key}>
                      <Link to={listPath(o.path)}>{o.label}</Link>
                      <span className="count">
                        {total !== undefined ? formatNumber(total) : count?.isError ? "–" : "…"}
                      </span>
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
