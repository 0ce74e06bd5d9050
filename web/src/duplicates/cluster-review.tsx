import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router-dom";
import type { ApiRecord } from "../api-client.ts";
import { FieldValue } from "../components/field-value.tsx";
import { ErrorNotice } from "../components/status.tsx";
import { useRefTitles } from "../components/use-ref-titles.ts";
import { fieldLabel, type ObjectMeta } from "../meta.types.ts";
import { recordTitle } from "../record-title.ts";
import { recordPath } from "../urls.ts";
import { useWorkspace } from "../workspace-context.ts";
import type { Cluster, ClusterPair } from "./duplicates.types.ts";
import { duplicatesApi } from "./duplicates-api.ts";
import {
  differs,
  evidenceFor,
  fieldOverrides,
  formatProbability,
  formatWeight,
  mergeFields,
  suggestedSurvivor,
} from "./merge-plan.ts";

const RULES: Record<string, string> = {
  chosen: "your choice",
  only_value: "the only value",
  source_priority: "source priority",
  most_recent: "most recent",
  survivor: "kept",
};

interface Props {
  cluster: Cluster;
  object: ObjectMeta;
  canWrite: boolean;
  onDone: (message: string) => void;
}

/**
 * One cluster side by side: a column per record (choose the one to keep), a row per field with
 * differing values highlighted (click a value to keep it), and the engine's evidence for each
 * field between the kept record and the others.
 */
export function ClusterReview({ cluster, object, canWrite, onDone }: Props) {
  const { me } = useWorkspace();
  const queryClient = useQueryClient();
  const records = cluster.records;
  const [survivor, setSurvivor] = useState(() => suggestedSurvivor(object.fields, records));
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const others = records.filter((r) => r.id !== survivor);
  const present = new Set(records.map((r) => r.id));
  const pairs = cluster.pairs.filter((p) => present.has(p.left_id) && present.has(p.right_id));
  const fields = mergeFields(object.fields, records);
  const title = (r: ApiRecord) => recordTitle(object, r, me.workspace.timezone);
  const refTitles = useRefTitles(fields, records);
  const value = (field: (typeof fields)[number], r: ApiRecord) => (
    <FieldValue field={field} record={r} refTitle={refTitles.get(String(r[field.name]))} />
  );

  const act = async (work: () => Promise<string>) => {
    setError(null);
    setBusy(true);
    try {
      onDone(await work());
      await queryClient.invalidateQueries({ queryKey: ["dedupe"] });
      // Titles of the kept record may have changed with it.
      await queryClient.invalidateQueries({ queryKey: ["titles"] });
    } catch (e) {
      setError(e);
      await queryClient.invalidateQueries({ queryKey: ["dedupe", "clusters"] });
    } finally {
      setBusy(false);
    }
  };
  const merge = () =>
    act(async () => {
      const result = await duplicatesApi.merge(cluster.id, {
        survivor_id: survivor,
        fields: fieldOverrides(records, survivor, choices),
        versions: Object.fromEntries(records.map((r) => [r.id, r.version ?? 0])),
      });
      const taken = result.field_choices
        .filter((c) => c.record_id !== survivor)
        .map((c) => `${fieldLabel(c.field)} (${RULES[c.rule] ?? c.rule})`);
      return `Merged ${result.merged_ids.length} record(s) into ${title(records.find((r) => r.id === survivor)!)}${
        taken.length ? `; taken from the others: ${taken.join(", ")}` : ""
      }.`;
    });
  const notDuplicate = (pair: ClusterPair) =>
    act(async () => {
      await duplicatesApi.notDuplicate(pair.id);
      return "Marked as not a duplicate; later runs will not propose this pair again.";
    });

  return (
    <section className="card duplicates-review" aria-label="Cluster review">
      <div className="duplicates-review-header">
        <h2>{records.map(title).join(" · ")}</h2>
        <span className="duplicates-probability">match {formatProbability(cluster.max_probability)}</span>
      </div>
      {error !== null && <ErrorNotice error={error} />}
      <div className="duplicates-table-wrap">
        <table className="duplicates-table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              {records.map((r) => (
                <th scope="col" key={r.id} className={r.id === survivor ? "survivor" : undefined}>
                  <label className="duplicates-keep">
                    <input
                      type="radio"
                      name={`survivor-${cluster.id}`}
                      checked={r.id === survivor}
                      onChange={() => setSurvivor(r.id)}
                      disabled={!canWrite}
                    />
                    Keep this record
                  </label>
                  <Link to={recordPath(object.path, r.id)}>{title(r)}</Link>
                  <span className="muted duplicates-provenance">
                    {String(r.source ?? "")}
                    {r.external_id ? ` · ${String(r.external_id)}` : ""}
                  </span>
                </th>
              ))}
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => {
              const differing = differs(records, field.name);
              return (
                <tr key={field.name} className={differing ? "differs" : undefined}>
                  <th scope="row">{fieldLabel(field.name)}</th>
                  {records.map((r) => {
                    const chosen = choices[field.name] === r.id;
                    return (
                      <td key={r.id} className={chosen ? "chosen" : undefined}>
                        {differing && canWrite ? (
                          <label className="duplicates-value">
                            <input
                              type="radio"
                              name={`${cluster.id}-${field.name}`}
                              checked={chosen}
                              onChange={() => setChoices({ ...choices, [field.name]: r.id })}
                              aria-label={`Keep ${fieldLabel(field.name)} of ${title(r)}`}
                            />
                            {value(field, r)}
                          </label>
                        ) : (
                          value(field, r)
                        )}
                      </td>
                    );
                  })}
                  <td className="duplicates-evidence">
                    {others.map((o) => {
                      const e = evidenceFor(pairs, survivor, o.id, field.name);
                      if (!e) return null;
                      return (
                        <span
                          key={o.id}
                          className={e.weight > 0 ? "agree" : e.weight < 0 ? "disagree" : undefined}
                        >
                          {e.level} {e.level !== "missing" && formatWeight(e.weight)}
                        </span>
                      );
                    })}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted">
        Fields you do not choose follow the workspace rules: a value over none, then source priority, then the
        most recent. Every related record (activities, deals, tickets…) moves to the kept record; a merge can
        be undone.
      </p>
      {canWrite && (
        <div className="duplicates-actions">
          <button type="button" className="button button-primary" onClick={merge} disabled={busy}>
            Merge {records.length} records
          </button>
          {pairs
            .filter((p) => !p.not_duplicate)
            .map((p) => (
              <button
                key={p.id}
                type="button"
                className="button"
                onClick={() => notDuplicate(p)}
                disabled={busy}
              >
                Not a duplicate
                {pairs.length > 1 &&
                  `: ${title(records.find((r) => r.id === p.left_id)!)} / ${title(records.find((r) => r.id === p.right_id)!)}`}
              </button>
            ))}
        </div>
      )}
    </section>
  );
}
