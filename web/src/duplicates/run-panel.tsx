import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ErrorNotice } from "../components/status.tsx";
import { formatNumber } from "../format.ts";
import type { DedupeObject, DedupeRun } from "./duplicates.types.ts";
import { duplicatesApi } from "./duplicates-api.ts";

const STAGES: Record<string, string> = {
  loading: "Reading records",
  matching: "Comparing records and learning match weights",
  blocking: "Finding candidate pairs (blocking rules)",
  comparing: "Comparing candidate pairs",
  storing: "Storing clusters",
  merging: "Merging clusters above the auto-merge threshold",
  done: "Done",
};

/** What the counts of a stage count (records unless said). */
const UNITS: Record<string, string> = { blocking: "rules", comparing: "pairs", merging: "clusters" };

/** "Find duplicates": starts a run of the object and follows its progress until it ends. */
export function RunPanel({ object, canWrite }: { object: DedupeObject | "leads"; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const [runId, setRunId] = useState<string | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const run = useQuery({
    queryKey: ["dedupe", "run", runId],
    queryFn: () => duplicatesApi.run(runId!),
    enabled: runId !== null,
    refetchInterval: (query) => (query.state.data?.status === "running" ? 500 : false),
  });
  const status = run.data?.status;
  useEffect(() => {
    if (status && status !== "running") {
      void queryClient.invalidateQueries({ queryKey: ["dedupe", "clusters"] });
      void queryClient.invalidateQueries({ queryKey: ["dedupe", "merges"] });
      void queryClient.invalidateQueries({ queryKey: ["dedupe", "lead-matches"] });
    }
  }, [status, queryClient]);

  const start = async () => {
    setStartError(null);
    try {
      setRunId((await duplicatesApi.startRun(object)).id);
    } catch (error) {
      setStartError(error);
    }
  };
  const current = run.data;
  return (
    <div className="duplicates-run">
      {canWrite && (
        <button
          type="button"
          className="button button-primary"
          onClick={start}
          disabled={status === "running"}
        >
          {object === "leads"
            ? status === "running"
              ? "Matching leads…"
              : "Match leads to accounts"
            : status === "running"
              ? "Finding duplicates…"
              : "Find duplicates"}
        </button>
      )}
      {startError !== null && <ErrorNotice error={startError} />}
      {current && <RunStatus run={current} />}
    </div>
  );
}

function RunStatus({ run }: { run: DedupeRun }) {
  if (run.status === "failed") return <p className="notice notice-error">The run failed: {run.error}</p>;
  if (run.status === "running") {
    return (
      <p className="duplicates-run-status" role="status">
        {STAGES[run.stage] ?? run.stage}
        {run.rows_total > 0 &&
          ` · ${formatNumber(run.rows_done)} of ${formatNumber(run.rows_total)} ${UNITS[run.stage] ?? "records"}`}
        <progress max={Math.max(run.rows_total, 1)} value={run.rows_done} />
      </p>
    );
  }
  if (run.object === "leads") {
    return (
      <p className="duplicates-run-status" role="status">
        {`Matched ${formatNumber(run.pairs)} lead–account pair(s) by email domain.`}
      </p>
    );
  }
  return (
    <p className="duplicates-run-status" role="status">
      {`Compared ${formatNumber(run.comparisons)} pairs: ${run.clusters} cluster(s) found, ${run.auto_merged} merged automatically, ${run.queued} to review.`}
      {run.stats.warning && <span className="muted"> {run.stats.warning}</span>}
    </p>
  );
}
