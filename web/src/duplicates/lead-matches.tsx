import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router-dom";
import { ErrorNotice, Loading } from "../components/status.tsx";
import { recordPath } from "../urls.ts";
import { duplicatesApi } from "./duplicates-api.ts";
import { groupLeadMatches, type LeadGroup } from "./lead-groups.ts";

/**
 * Leads → accounts: leads (contacts without an account) whose email domain names an account,
 * each with a "Link" that sets the lead's account. Linked rows leave the list at once and come
 * back, with the error, if the server refuses.
 */
export function LeadMatches({ canWrite }: { canWrite: boolean }) {
  const queryClient = useQueryClient();
  const matches = useQuery({ queryKey: ["dedupe", "lead-matches"], queryFn: duplicatesApi.leadMatches });
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);

  if (matches.error) return <ErrorNotice error={matches.error} />;
  if (!matches.data) return <Loading label="Loading lead matches…" />;
  const groups = groupLeadMatches(matches.data.data).filter((g) => !pending.has(g.contact_id));
  const chosen = (g: LeadGroup) =>
    choices[g.contact_id] ?? (g.accounts.length === 1 ? g.accounts[0].id : undefined);
  const linkable = groups.filter((g) => chosen(g) !== undefined);

  const link = async (targets: LeadGroup[]) => {
    const links = targets.map((g) => ({ contact_id: g.contact_id, account_id: chosen(g)! }));
    const ids = links.map((l) => l.contact_id);
    setError(null);
    setMessage(null);
    setPending((prev) => new Set([...prev, ...ids]));
    try {
      if (links.length === 1) await duplicatesApi.linkLead(links[0].contact_id, links[0].account_id);
      else await duplicatesApi.linkLeads(links);
      setMessage(`Linked ${links.length} lead(s) to their account.`);
      await queryClient.invalidateQueries({ queryKey: ["dedupe", "lead-matches"] });
      await queryClient.invalidateQueries({ queryKey: ["contacts"] });
    } catch (e) {
      setError(e);
    } finally {
      setPending((prev) => new Set([...prev].filter((id) => !ids.includes(id))));
    }
  };

  return (
    <section className="card duplicates-leads" aria-labelledby="lead-matches">
      <div className="duplicates-leads-header">
        <h2 id="lead-matches">{groups.length} lead(s) without an account</h2>
        {canWrite && linkable.length > 0 && (
          <button type="button" className="button" onClick={() => link(linkable)}>
            Link all shown ({linkable.length})
          </button>
        )}
      </div>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} />}
      {groups.length === 0 ? (
        <p className="muted">No lead to link. Run “Match leads to accounts”.</p>
      ) : (
        <div className="table-wrap">
          <table className="records duplicates-leads-table">
            <thead>
              <tr>
                <th scope="col">Lead</th>
                <th scope="col">Email domain</th>
                <th scope="col">Matched account</th>
                {canWrite && <th scope="col">Action</th>}
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.contact_id}>
                  <td>
                    <Link className="record-link" to={recordPath("contacts", g.contact_id)}>
                      {g.email}
                    </Link>
                    {g.name && <span className="muted"> · {g.name}</span>}
                  </td>
                  <td>{g.domain}</td>
                  <td>
                    {g.accounts.length === 1 ? (
                      <Link to={recordPath("accounts", g.accounts[0].id)}>{g.accounts[0].name}</Link>
                    ) : (
                      <fieldset className="duplicates-lead-choice" aria-label={`Account for ${g.email}`}>
                        {g.accounts.map((a) => (
                          <label key={a.id}>
                            <input
                              type="radio"
                              name={`lead-${g.contact_id}`}
                              checked={chosen(g) === a.id}
                              onChange={() => setChoices((prev) => ({ ...prev, [g.contact_id]: a.id }))}
                            />{" "}
                            <Link to={recordPath("accounts", a.id)}>{a.name}</Link>
                          </label>
                        ))}
                      </fieldset>
                    )}
                  </td>
                  {canWrite && (
                    <td>
                      <button
                        type="button"
                        className="button"
                        aria-label={`Link ${g.email}`}
                        disabled={chosen(g) === undefined}
                        title={chosen(g) === undefined ? "Choose the account first" : undefined}
                        onClick={() => link([g])}
                      >
                        Link
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
