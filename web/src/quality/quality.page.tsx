import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router-dom";
import { api, listUrl } from "../api-client.ts";
import { ErrorNotice, Loading } from "../components/status.tsx";
import { formatNumber } from "../format.ts";
import { recordPath } from "../urls.ts";
import { useTitle } from "../use-title.ts";
import { useWorkspace } from "../workspace-context.ts";
import type { ObjectQuality, ScoredPage } from "./quality.types.ts";
import { reasonLabel, scoreBand, share } from "./quality-format.ts";
import "./quality.css";

/**
 * Data quality: each object's workspace score and its distribution, the reasons records lose
 * points for (choose one to filter), and the worst records, each linking to its page.
 */
export function QualityPage() {
  useTitle("Data quality");
  const [params, setParams] = useSearchParams();
  const summary = useQuery({
    queryKey: ["quality", "summary"],
    queryFn: () => api.get<{ data: ObjectQuality[] }>("/api/quality/summary"),
  });
  const objects = summary.data?.data ?? [];
  const selected = objects.find((o) => o.object === params.get("object")) ?? objects[0];
  const reason = params.get("reason") ?? "";

  const choose = (object: string, nextReason = "") => {
    const next = new URLSearchParams({ object });
    if (nextReason) next.set("reason", nextReason);
    setParams(next);
  };

  return (
    <div className="page quality-page">
      <header className="page-header">
        <div>
          <h1>Data quality</h1>
          <p className="muted">
            Every record scores 100 minus a penalty per problem: invalid, disposable or role emails, phones
            that do not parse, domains that are not a company's, empty fields RevOps needs.
          </p>
        </div>
      </header>
      {summary.error ? (
        <ErrorNotice error={summary.error} />
      ) : !summary.data ? (
        <Loading label="Scoring records…" />
      ) : (
        <>
          <div className="quality-scores">
            {objects.map((o) => (
              <ScoreCard
                key={o.object}
                quality={o}
                active={o === selected}
                onChoose={() => choose(o.object)}
              />
            ))}
          </div>
          {selected && (
            <div className="quality-detail">
              <ReasonBars
                quality={selected}
                reason={reason}
                onChoose={(code) => choose(selected.object, code)}
              />
              <WorstRecords object={selected} reason={reason} />
            </div>
          )}
        </>
      )}
    </div>
  );
}

function ScoreCard({
  quality,
  active,
  onChoose,
}: {
  quality: ObjectQuality;
  active: boolean;
  onChoose: () => void;
}) {
  const band = quality.score === null ? "none" : scoreBand(Math.floor(quality.score));
  return (
    <button
      type="button"
      className="card quality-score-card"
      aria-pressed={active}
      aria-label={`${quality.label}: quality score ${quality.score ?? "none"}`}
      onClick={onChoose}
    >
      <span className="quality-score-title">{quality.label}</span>
      <span className={`quality-score quality-${band}`} data-testid={`score-${quality.object}`}>
        {quality.score === null ? "—" : quality.score.toFixed(1)}
      </span>
      <span className="muted">{formatNumber(quality.records)} records scored</span>
      <span className="quality-distribution" role="img" aria-label={distributionText(quality)}>
        {quality.buckets.map((b) => (
          <span
            key={b.label}
            className={`quality-segment quality-${b.label}`}
            style={{ width: share(b.count, quality.records) }}
          />
        ))}
      </span>
      <span className="quality-legend">
        {quality.buckets.map((b) => (
          <span key={b.label}>
            <span className={`quality-dot quality-${b.label}`} /> {b.label} {formatNumber(b.count)}
          </span>
        ))}
      </span>
    </button>
  );
}

const distributionText = (q: ObjectQuality) =>
  q.buckets.map((b) => `${b.count} ${b.label} (${b.min}–${b.max})`).join(", ");

function ReasonBars({
  quality,
  reason,
  onChoose,
}: {
  quality: ObjectQuality;
  reason: string;
  onChoose: (code: string) => void;
}) {
  const top = quality.reasons[0]?.count ?? 0;
  return (
    <section className="card quality-reasons" aria-labelledby="quality-reasons-title">
      <h2 id="quality-reasons-title">Why {quality.label.toLowerCase()} lose points</h2>
      {quality.reasons.length === 0 ? (
        <p className="empty-state">No problems found.</p>
      ) : (
        <ul>
          {quality.reasons.map((r) => (
            <li key={r.code}>
              <button
                type="button"
                className="quality-reason"
                aria-pressed={reason === r.code}
                onClick={() => onChoose(reason === r.code ? "" : r.code)}
              >
                <span className="quality-reason-label">
                  {reasonLabel(r.code)} <span className="muted">−{r.penalty}</span>
                </span>
                <span className="quality-reason-count">{formatNumber(r.count)}</span>
                <span className="quality-bar">
                  <span style={{ width: share(r.count, top) }} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function WorstRecords({ object, reason }: { object: ObjectQuality; reason: string }) {
  const { byKey } = useWorkspace();
  const path = byKey.get(object.object)?.path ?? object.object;
  const pages = useInfiniteQuery({
    queryKey: ["quality", "records", object.object, reason],
    queryFn: ({ pageParam }) =>
      api.get<ScoredPage>(listUrl(`quality/${object.object}`, { reason, limit: 25, cursor: pageParam })),
    initialPageParam: "",
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const rows = pages.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <section className="card card-flush quality-worst" aria-labelledby="quality-worst-title">
      <h2 id="quality-worst-title" className="quality-worst-title">
        Worst {object.label.toLowerCase()}
        {reason && <span className="chip">{reasonLabel(reason)}</span>}
      </h2>
      {pages.error ? (
        <ErrorNotice error={pages.error} />
      ) : !pages.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="empty-state">No records to show.</p>
      ) : (
        <div className="table-wrap">
          <table className="records">
            <thead>
              <tr>
                <th scope="col">Record</th>
                <th scope="col" className="num">
                  Score
                </th>
                <th scope="col">Reasons</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link className="record-link" to={recordPath(path, r.id)}>
                      {r.title}
                    </Link>
                  </td>
                  <td className="num">
                    <span className={`badge quality-badge quality-${scoreBand(r.score)}`}>{r.score}</span>
                  </td>
                  <td className="quality-messages">
                    {r.reasons.map((x) => (
                      <span key={x.code}>{x.message}</span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages.hasNextPage && (
        <div className="quality-more">
          <button
            type="button"
            className="button"
            disabled={pages.isFetchingNextPage}
            onClick={() => void pages.fetchNextPage()}
          >
            {pages.isFetchingNextPage ? "Loading…" : "Show more"}
          </button>
        </div>
      )}
    </section>
  );
}
