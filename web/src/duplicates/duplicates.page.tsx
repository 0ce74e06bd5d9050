import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { ErrorNotice, Loading } from "../components/status.tsx";
import { recordTitle } from "../record-title.ts";
import { useTitle } from "../use-title.ts";
import { useWorkspace } from "../workspace-context.ts";
import { ClusterReview } from "./cluster-review.tsx";
import type { Cluster, DedupeObject } from "./duplicates.types.ts";
import { duplicatesApi } from "./duplicates-api.ts";
import { LeadMatches } from "./lead-matches.tsx";
import { formatProbability } from "./merge-plan.ts";
import { RecentMerges } from "./recent-merges.tsx";
import { RunPanel } from "./run-panel.tsx";
import "./duplicates.css";

const OBJECTS: Array<{ key: DedupeObject | "leads"; label: string }> = [
  { key: "contacts", label: "Contacts" },
  { key: "accounts", label: "Accounts" },
  { key: "leads", label: "Leads → accounts" },
];

/**
 * Duplicates: find them (a run of the matching engine over the workspace), review the queue of
 * clusters side by side, merge or dismiss each, and undo recent merges. "Leads → accounts" links
 * leads to the account their email domain names.
 */
export function DuplicatesPage() {
  useTitle("Duplicates");
  const { me, byKey } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const leads = params.get("object") === "leads";
  const object: DedupeObject = params.get("object") === "accounts" ? "accounts" : "contacts";
  const meta = byKey.get(object);
  const canWrite = me.permissions.crm === "write";
  const [message, setMessage] = useState<string | null>(null);
  const clusters = useQuery({
    queryKey: ["dedupe", "clusters", object],
    queryFn: () => duplicatesApi.clusters(object),
    enabled: !leads,
  });
  const list = clusters.data?.data ?? [];
  const selected = list.find((c) => c.id === params.get("cluster")) ?? list[0];
  const choose = (next: Record<string, string>) => setParams({ object, ...next });

  return (
    <div className="page duplicates-page">
      <header className="page-header">
        <div>
          <h1>Duplicates</h1>
          <p className="muted">
            Records the matching engine believes are the same person or company, with the evidence of each
            field. Keep one, choose values, merge — or say they are different people.
          </p>
        </div>
        <fieldset className="duplicates-objects" aria-label="Object">
          {OBJECTS.map((o) => (
            <button
              key={o.key}
              type="button"
              className="button"
              aria-pressed={o.key === (leads ? "leads" : object)}
              onClick={() => setParams({ object: o.key })}
            >
              {o.label}
            </button>
          ))}
        </fieldset>
      </header>
      {leads ? (
        <>
          <RunPanel key="leads" object="leads" canWrite={canWrite} />
          <LeadMatches canWrite={canWrite} />
        </>
      ) : (
        <>
          <RunPanel key={object} object={object} canWrite={canWrite} />
          {message && (
            <p className="notice" role="status">
              {message}
            </p>
          )}
          {clusters.error ? (
            <ErrorNotice error={clusters.error} />
          ) : !clusters.data || !meta ? (
            <Loading label="Loading the review queue…" />
          ) : (
            <div className="duplicates-layout">
              <nav className="card duplicates-queue" aria-label="Review queue">
                <h2>{clusters.data.total} to review</h2>
                {list.length === 0 && <p className="muted">Nothing to review. Run “Find duplicates”.</p>}
                <ul>
                  {list.map((c: Cluster) => (
                    <li key={c.id}>
                      <button
                        type="button"
                        aria-current={c.id === selected?.id}
                        onClick={() => {
                          setMessage(null);
                          choose({ cluster: c.id });
                        }}
                      >
                        <span>
                          {c.records.map((r) => recordTitle(meta, r, me.workspace.timezone)).join(" · ")}
                        </span>
                        <span className="duplicates-probability">{formatProbability(c.max_probability)}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </nav>
              {selected ? (
                <ClusterReview
                  key={selected.id}
                  cluster={selected}
                  object={meta}
                  canWrite={canWrite}
                  onDone={setMessage}
                />
              ) : (
                <div />
              )}
            </div>
          )}
          <RecentMerges object={object} canWrite={canWrite} />
        </>
      )}
    </div>
  );
}
