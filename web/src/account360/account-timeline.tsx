import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router-dom";
import { api } from "../api-client.ts";
import { money, timestamp } from "../grid/cell-display.ts";
import { recordPath } from "../urls.ts";
import { useWorkspace } from "../workspace-context.ts";
import { TEAM_LABELS, TEAMS, type Team, type TimelineEvent, type TimelinePage } from "./account-360.types.ts";

const monthOf = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone }).format(new Date(iso));

/** Every team's events on one timeline, newest first; the legend filters by team. */
export function AccountTimeline({ accountId }: { accountId: string }) {
  const { me, byKey } = useWorkspace();
  const [teams, setTeams] = useState<Team[]>([]);
  const query = useInfiniteQuery({
    queryKey: ["timeline", accountId, teams],
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      api.get<TimelinePage>(
        `/api/accounts/${accountId}/timeline?limit=60${pageParam ? `&before=${pageParam}` : ""}${teams.length ? `&teams=${teams.join(",")}` : ""}`,
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const events = query.data?.pages.flatMap((p) => p.data) ?? [];
  const counts = query.data?.pages[0]?.counts;
  const toggle = (team: Team) =>
    setTeams((t) => (t.includes(team) ? t.filter((x) => x !== team) : [...t, team]));
  const zone = me.workspace.timezone;

  let month = "";
  return (
    <section className="card timeline-card" aria-labelledby="timeline-title">
      <header className="timeline-header">
        <h2 id="timeline-title">Timeline</h2>
        <ul className="team-legend" aria-label="Teams">
          {TEAMS.map((team) => (
            <li key={team}>
              <button
                type="button"
                className={`team-chip team-${team}`}
                aria-pressed={teams.includes(team)}
                onClick={() => toggle(team)}
                title={`Show only ${TEAM_LABELS[team].toLowerCase()} events (and other chosen teams)`}
              >
                <span className="team-dot" aria-hidden="true" />
                {TEAM_LABELS[team]}
                <span className="count">{counts ? counts[team] : "…"}</span>
              </button>
            </li>
          ))}
        </ul>
      </header>
      {query.isPending && <p className="status">Loading…</p>}
      {query.isSuccess && events.length === 0 && (
        <p className="empty-state small">Nothing has happened on this account yet.</p>
      )}
      <ol className="timeline">
        {events.map((event: TimelineEvent) => {
          const m = monthOf(event.at, zone);
          const heading = m !== month;
          month = m;
          const target = byKey.get(event.object);
          return (
            <li key={event.id} className={`timeline-event team-${event.team}`}>
              {heading && <h3 className="timeline-month">{m}</h3>}
              <div className="timeline-row">
                <span className="team-dot" aria-hidden="true" />
                <time dateTime={event.at}>{timestamp(event.at, zone)}</time>
                <span className="timeline-team">{TEAM_LABELS[event.team]}</span>
                <span className="timeline-title">
                  {target ? (
                    <Link to={recordPath(target.path, event.record_id)}>{event.title}</Link>
                  ) : (
                    event.title
                  )}
                  {event.detail && <span className="timeline-detail"> · {event.detail}</span>}
                </span>
                {event.amount_minor !== null && event.currency && (
                  <span className="timeline-amount">{money(event.amount_minor, event.currency)}</span>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {query.hasNextPage && (
        <button
          type="button"
          className="button"
          disabled={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          {query.isFetchingNextPage ? "Loading…" : "Older events"}
        </button>
      )}
    </section>
  );
}
