import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ErrorNotice, Loading } from "../components/status.tsx";
import { formatNumber } from "../format.ts";
import { howRead } from "./how-read.ts";
import { addReading, formatDuration, type ProgressReading, rateOf } from "./import-rate.ts";
import { type ImportSummary, importsApi, isFinished, rejectedCsvUrl } from "./imports-api.ts";

/** Progress of one import, polled every second until it ends, then its summary. */
export function ImportProgress({ id }: { id: string }) {
  const [readings, setReadings] = useState<ProgressReading[]>([]);
  const current = useQuery({
    queryKey: ["imports", id],
    queryFn: () => importsApi.get(id),
    refetchInterval: (query) => (query.state.data && isFinished(query.state.data.status) ? false : 1000),
  });
  const summary = current.data;
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!summary) return;
    if (isFinished(summary.status)) {
      queryClient.invalidateQueries({ queryKey: ["imports", "list"] });
      return;
    }
    setReadings((r) => addReading(r, { at: Date.now(), rows: summary.rows, bytes: summary.bytes_done }));
  }, [summary, queryClient]);

  if (current.error) return <ErrorNotice error={current.error} />;
  if (!summary) return <Loading label="Loading the import…" />;
  const finished = isFinished(summary.status);
  const rate = rateOf(readings, summary.file_size);
  return (
    <section className="card import-progress" aria-labelledby="import-progress-title">
      <div className="page-header">
        <h2 id="import-progress-title">
          {summary.file_name}{" "}
          <span className={`badge import-status-${summary.status}`}>{summary.status}</span>
        </h2>
        <span className="muted mono">{summary.preset}</span>
      </div>
      <p className="hint">{howRead(summary)}</p>
      <div
        className="import-bar"
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(summary.progress * 100)}
      >
        <span style={{ width: `${(summary.progress * 100).toFixed(1)}%` }} />
      </div>
      <p className="import-live" aria-live="polite">
        {formatNumber(summary.rows)} rows done · {Math.round(summary.progress * 100)}%
        {!finished &&
          rate.rowsPerSecond !== null &&
          ` · ${formatNumber(Math.round(rate.rowsPerSecond))} rows/s`}
        {!finished && rate.etaSeconds !== null && ` · about ${formatDuration(rate.etaSeconds)} left`}
        {finished &&
          summary.started_at &&
          summary.finished_at &&
          ` · took ${formatDuration(elapsed(summary))}`}
      </p>
      {summary.error && (
        <p className="notice notice-error" role="alert">
          {summary.error}
        </p>
      )}
      <ImportCounts summary={summary} />
      {finished && summary.rejected > 0 && <RejectedRows id={id} count={summary.rejected} />}
    </section>
  );
}

const elapsed = (s: ImportSummary) =>
  (new Date(s.finished_at!).getTime() - new Date(s.started_at!).getTime()) / 1000;

function ImportCounts({ summary }: { summary: ImportSummary }) {
  const counts: Array<[string, number]> = [
    ["Created", summary.created],
    ["Updated", summary.updated],
    ["Unchanged", summary.unchanged],
    ["Rejected", summary.rejected],
  ];
  if (summary.deferred > 0) counts.push(["Waiting for a reference", summary.deferred - summary.resolved]);
  return (
    <dl className="import-counts" aria-label="Summary">
      {counts.map(([label, n]) => (
        <div
          key={label}
          className={label === "Rejected" && n > 0 ? "import-count import-count-bad" : "import-count"}
        >
          <dt>{label}</dt>
          <dd className="num">{formatNumber(n)}</dd>
        </div>
      ))}
    </dl>
  );
}

function RejectedRows({ id, count }: { id: string; count: number }) {
  const rejections = useQuery({
    queryKey: ["imports", id, "rejections"],
    queryFn: () => importsApi.rejections(id),
  });
  return (
    <section aria-labelledby="import-rejected-title" className="import-rejected">
      <div className="page-header">
        <h3 id="import-rejected-title" className="import-subtitle">
          Rejected rows
        </h3>
        <a className="button" href={rejectedCsvUrl(id)} download>
          Download the {formatNumber(count)} rejected rows (CSV)
        </a>
      </div>
      <p className="hint">
        The file has the original columns and a reason for each row: fix the rows and import the file again
        with the same preset.
      </p>
      {rejections.data && (
        <div className="table-wrap">
          <table className="records">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Row
                </th>
                <th scope="col">Column</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {rejections.data.map((r) => (
                <tr key={r.row_number}>
                  <td className="num">{r.row_number}</td>
                  <td>{r.column_name ?? r.field ?? ""}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
