import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { ApiError, type ApiRecord, api } from "../api-client.ts";
import { ErrorNotice, Loading } from "../components/status.tsx";
import { enumLabel } from "../meta.types.ts";
import { detailsPath, listPath } from "../urls.ts";
import { useTitle } from "../use-title.ts";
import type { AccountSummary } from "./account-360.types.ts";
import { AccountTimeline } from "./account-timeline.tsx";
import { KpiTiles } from "./kpi-tiles.tsx";
import { LifecycleJourney } from "./lifecycle-journey.tsx";
import "./account-360.css";

/** One account as every team sees it: journey, KPIs and one timeline of everything that happened. */
export function Account360Page() {
  const { id = "" } = useParams();
  const account = useQuery({
    queryKey: ["record", "accounts", id],
    queryFn: () => api.get<ApiRecord>(`/api/accounts/${id}`),
  });
  const summary = useQuery({
    queryKey: ["account-summary", id],
    queryFn: () => api.get<AccountSummary>(`/api/accounts/${id}/summary`),
  });
  const name = account.data ? String(account.data.name) : undefined;
  useTitle(name ? `${name} · Accounts` : "Account");

  if (account.isPending) return <Loading />;
  if (account.isError) {
    return (
      <div className="page">
        {account.error instanceof ApiError && account.error.status === 404 ? (
          <h1>This account does not exist</h1>
        ) : (
          <ErrorNotice error={account.error} />
        )}
      </div>
    );
  }
  const a = account.data;
  const facts = [a.domain, a.segment ? enumLabel(String(a.segment)) : null, a.industry, a.country].filter(
    Boolean,
  );
  return (
    <div className="page account-360">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to={listPath("accounts")}>Accounts</Link>
      </nav>
      <header className="page-header">
        <div>
          <h1>{name}</h1>
          <p className="muted">{facts.join(" · ")}</p>
        </div>
        <div className="actions">
          <Link className="button" to={detailsPath("accounts", id)}>
            Details &amp; history
          </Link>
        </div>
      </header>
      {summary.isError && <ErrorNotice error={summary.error} />}
      {summary.data && (
        <>
          <LifecycleJourney summary={summary.data} />
          <KpiTiles summary={summary.data} />
        </>
      )}
      <AccountTimeline accountId={id} />
    </div>
  );
}
