import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router-dom";
import type { ApiRecord } from "../api-client.ts";
import { ErrorNotice } from "../components/status.tsx";
import { useRefTitles } from "../components/use-ref-titles.ts";
import { formatTimestamp } from "../format.ts";
import { recordPath } from "../urls.ts";
import { useWorkspace } from "../workspace-context.ts";
import type { DedupeObject, MergeSummary } from "./duplicates.types.ts";
import { duplicatesApi } from "./duplicates-api.ts";

/** The latest merges of the object, each with its undo (refused when a record changed since). */
export function RecentMerges({ object, canWrite }: { object: DedupeObject; canWrite: boolean }) {
  const { me } = useWorkspace();
  const queryClient = useQueryClient();
  const merges = useQuery({
    queryKey: ["dedupe", "merges", object],
    queryFn: () => duplicatesApi.merges(object),
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const undo = async (merge: MergeSummary) => {
    setError(null);
    setBusy(merge.id);
    try {
      await duplicatesApi.undo(merge.id);
      await queryClient.invalidateQueries({ queryKey: ["dedupe"] });
      // Titles of the kept record may have changed with it.
      await queryClient.invalidateQueries({ queryKey: ["titles"] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const rows = merges.data?.data ?? [];
  const survivors = useRefTitles(
    [{ name: "survivor_id", kind: "ref", ref: object, required: false, readOnly: true, immutable: true }],
    rows as unknown as ApiRecord[],
  );
  return (
    <section className="card duplicates-merges" aria-labelledby="recent-merges">
      <h2 id="recent-merges">Recent merges</h2>
      {error !== null && <ErrorNotice error={error} />}
      {rows.length === 0 ? (
        <p className="muted">No merges yet.</p>
      ) : (
        <ul>
          {rows.map((m) => (
            <li key={m.id} className={m.status === "undone" ? "undone" : undefined}>
              <span>
                {m.merged.map((r) => r.title ?? r.id).join(", ")} →{" "}
                <Link to={recordPath(object, m.survivor_id)}>
                  {survivors.get(m.survivor_id) ?? m.survivor_id}
                </Link>
                <span className="muted">
                  {" "}
                  · {formatTimestamp(m.merged_at, me.workspace.timezone)}
                  {m.automatic && " · automatic"}
                  {m.status === "undone" && " · undone"}
                </span>
              </span>
              {canWrite && m.status === "merged" && (
                <button type="button" className="button" disabled={busy === m.id} onClick={() => undo(m)}>
                  Undo
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
