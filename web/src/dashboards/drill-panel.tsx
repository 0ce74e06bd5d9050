import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router-dom";
import { api, listUrl } from "../api-client.ts";
import { ErrorNotice } from "../components/status.tsx";
import { enumLabel } from "../meta.types.ts";
import { useWorkspace } from "../workspace-context.ts";
import type { DashboardGrain, DrillTarget } from "./dashboard-state.ts";
import type { DrillPage, DrillRecord } from "./dashboard-types.ts";
import { columnLabel, drillColumns, MONEY_FIELDS, recordHref } from "./drill-columns.ts";
import { formatMetric, periodLabel } from "./metric-format.ts";
import { stageDrillRequest } from "./stage-drill.ts";
import { useDashboardState } from "./use-dashboard-data.ts";

const PAGE = 50;

/**
 * The records behind one value (`GET /api/metrics/:key/records`, or a funnel step or stage of
 * the time-in-stage chart: see stage-drill.ts), in a side panel: each with the role it plays in
 * the formula and the amount that counted, linking to its page.
 */
export function DrillPanel({
  target,
  grain,
  onClose,
}: {
  target: DrillTarget;
  grain: DashboardGrain;
  onClose: () => void;
}) {
  const { byKey } = useWorkspace();
  const [limit, setLimit] = useState(PAGE);
  const closeRef = useRef<HTMLButtonElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new value starts from the first page
  useEffect(() => setLimit(PAGE), [target.key, target.period, target.by, target.group]);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    closeRef.current?.focus({ preventScroll: true });
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && close.current();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const { by } = target;
  const group = target.group !== null && by ? { by, group: target.group } : {};
  const { range } = useDashboardState();
  const stageDrill = stageDrillRequest(target, range);
  const query = useQuery({
    queryKey: ["metrics", "drill", target, grain, limit, stageDrill?.params],
    queryFn: () =>
      api.get<DrillPage>(
        stageDrill
          ? listUrl(stageDrill.path, { ...stageDrill.params, limit })
          : listUrl(`metrics/${encodeURIComponent(target.key)}/records`, {
              period: target.period,
              grain,
              ...group,
              limit,
            }),
      ),
    placeholderData: (previous) => previous,
  });
  const page = query.data;
  const columns = page ? drillColumns(page.records) : [];
  const pathOf = (key: string) => byKey.get(key)?.path;
  const title = page ? page.metric.name : enumLabel(target.key);
  const when = stageDrill ? `${range.from} – ${range.to}` : periodLabel(target.period);
  return (
    <aside className="drill-panel" role="dialog" aria-modal="false" aria-labelledby="drill-title">
      <header className="drill-header">
        <div>
          <h2 id="drill-title">{title}</h2>
          <p className="muted">
            {when}
            {target.group !== null && by && ` · ${enumLabel(by)}: ${target.group}`}
            {page && ` · ${page.total} ${page.total === 1 ? "record" : "records"}`}
          </p>
        </div>
        <button ref={closeRef} type="button" className="button button-ghost" onClick={onClose}>
          Close<span className="visually-hidden"> the records of {title}</span>
        </button>
      </header>
      {page && <p className="drill-formula">{page.metric.formula}</p>}
      {query.isError && <ErrorNotice error={query.error} />}
      {query.isPending && <div className="skeleton skeleton-chart" aria-busy="true" />}
      {page && page.records.length === 0 && (
        <p className="empty-state small">No records behind this value.</p>
      )}
      {page && page.records.length > 0 && (
        <div className="drill-table-wrap">
          <table className="drill-table">
            <caption className="visually-hidden">
              Records behind {title} in {when}
            </caption>
            <thead>
              <tr>
                <th scope="col">Record</th>
                <th scope="col">Role</th>
                {columns.map((c) => (
                  <th key={c} scope="col" className={MONEY_FIELDS.has(c) ? "num" : undefined}>
                    {columnLabel(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.records.map((r, i) => (
                <tr key={`${r.object}:${r.id ?? i}:${r.role}`}>
                  <td>
                    <RecordLink record={r} href={recordHref(r, pathOf)} />
                  </td>
                  <td>{enumLabel(r.role)}</td>
                  {columns.map((c) => (
                    <td key={c} className={MONEY_FIELDS.has(c) ? "num" : undefined}>
                      {show(r[c], c, page.currency)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && page.records.length < page.total && limit < 1000 && (
        <button
          type="button"
          className="button"
          disabled={query.isFetching}
          onClick={() => setLimit((n) => Math.min(1000, n + PAGE * 2))}
        >
          Show more ({page.records.length} of {page.total})
        </button>
      )}
    </aside>
  );
}

function RecordLink({ record, href }: { record: DrillRecord; href: string | null }) {
  const name = record.name ?? record.id ?? "—";
  return href ? <Link to={href}>{name}</Link> : <span>{name}</span>;
}

function show(value: unknown, column: string, currency: string): string {
  if (value === null || value === undefined) return "";
  if (MONEY_FIELDS.has(column) && typeof value === "number") return formatMetric(value, "money", currency);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  if (typeof value === "number") return formatMetric(value, "count", currency);
  if (typeof value === "string") return /^[a-z_]+$/.test(value) ? enumLabel(value) : value;
  return String(value);
}
