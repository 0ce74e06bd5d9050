import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useParams } from "react-router-dom";
import { ErrorNotice, Loading } from "../components/status.tsx";
import { formatNumber, formatTimestamp } from "../format.ts";
import { useTitle } from "../use-title.ts";
import { useWorkspace } from "../workspace-context.ts";
import { ImportProgress } from "./import-progress.tsx";
import { ImportWizard } from "./import-wizard.tsx";
import { importsApi, isFinished } from "./imports-api.ts";
import "./imports.css";

/** /imports: the import wizard and past imports; /imports/:id: one import's progress and summary. */
export function ImportsPage() {
  const { id } = useParams();
  useTitle(id ? "Import" : "Imports");
  // Starting an import from the bottom of the wizard opens its progress at the top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll on every change of import
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [id]);
  return (
    <div className="page">
      <div className="page-header">
        <div>
          {id && (
            <nav className="breadcrumb" aria-label="Breadcrumb">
              <Link to="/imports">Imports</Link>
            </nav>
          )}
          <h1>{id ? "Import" : "Import data"}</h1>
          {!id && (
            <p className="muted">
              Bring in exports from HubSpot, Salesforce, Stripe, Zendesk or any CSV. Re-importing a file
              changes nothing; a newer export updates what changed.
            </p>
          )}
        </div>
        {id && (
          <Link className="button" to="/imports">
            New import
          </Link>
        )}
      </div>
      {id ? <ImportProgress id={id} /> : <ImportWizard />}
      <PastImports current={id} />
    </div>
  );
}

function PastImports({ current }: { current?: string }) {
  const { me } = useWorkspace();
  // Polled while an import is under way; the progress view refreshes it when one ends.
  const list = useQuery({
    queryKey: ["imports", "list"],
    queryFn: importsApi.list,
    refetchInterval: (query) => (query.state.data?.some((i) => !isFinished(i.status)) ? 2000 : false),
  });
  if (list.error) return <ErrorNotice error={list.error} />;
  if (!list.data) return <Loading label="Loading past imports…" />;
  return (
    <section className="card card-flush" aria-labelledby="past-imports">
      <h2 id="past-imports" className="import-list-title">
        Past imports
      </h2>
      {list.data.length === 0 ? (
        <p className="empty-state import-list-title">No imports yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="records">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Preset</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col" className="num">
                  Created
                </th>
                <th scope="col" className="num">
                  Updated
                </th>
                <th scope="col" className="num">
                  Unchanged
                </th>
                <th scope="col" className="num">
                  Rejected
                </th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((i) => (
                <tr key={i.id} aria-current={i.id === current ? "page" : undefined}>
                  <td>
                    <Link className="record-link" to={`/imports/${i.id}`}>
                      {i.file_name}
                    </Link>
                  </td>
                  <td className="mono">{i.preset}</td>
                  <td>
                    <span className={`badge import-status-${i.status}`}>{i.status}</span>
                  </td>
                  <td className="num">{formatNumber(i.rows)}</td>
                  <td className="num">{formatNumber(i.created)}</td>
                  <td className="num">{formatNumber(i.updated)}</td>
                  <td className="num">{formatNumber(i.unchanged)}</td>
                  <td className="num">{formatNumber(i.rejected)}</td>
                  <td>{formatTimestamp(i.created_at, me.workspace.timezone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
