import { ErrorNotice } from "../components/status.tsx";
import { enumLabel } from "../meta.types.ts";
import { colourOf } from "./chart-palette.ts";
import type { DrillTarget } from "./dashboard-state.ts";
import { attainmentText, formatMetric, periodChange, periodLabel } from "./metric-format.ts";
import { MetricHeading } from "./metric-info.tsx";
import { hasValues, topGroups } from "./series-shape.ts";
import { TrendChart } from "./trend-chart.tsx";
import type { SeriesEntry } from "./use-dashboard-data.ts";

interface KpiTileProps {
  entry: SeriesEntry | undefined;
  currency: string;
  /** The dimension the dashboard is sliced by, if any. */
  by: string | null;
  onDrill: (target: DrillTarget) => void;
  /** A name shorter or clearer than the registry's, for the tile. */
  title?: string;
}

/**
 * One KPI: its value in the last period of the range, the period before and the change,
 * target attainment when there is a target, and its trend over the range. The value, a point
 * of the trend and each group of a sliced KPI open the records behind them.
 */
export function KpiTile({ entry, currency, by, onDrill, title }: KpiTileProps) {
  const def = entry?.def;
  const key = def?.key ?? "unknown";
  const heading = (
    <MetricHeading def={def} level={3}>
      {title ?? def?.name ?? key}
    </MetricHeading>
  );
  if (!entry || !def) return null;
  if (entry.error) {
    return (
      <section className="card kpi-tile" data-metric={key}>
        {heading}
        <ErrorNotice error={entry.error} />
      </section>
    );
  }
  if (entry.loading || !entry.result) {
    return (
      <section className="card kpi-tile" data-metric={key} aria-busy="true">
        {heading}
        <div className="skeleton skeleton-value" />
        <div className="skeleton skeleton-line" />
        <div className="skeleton skeleton-chart" />
      </section>
    );
  }
  const { series } = entry.result;
  const last = series[series.length - 1];
  if (!last || !hasValues(series)) {
    return (
      <section className="card kpi-tile" data-metric={key}>
        {heading}
        <p className="empty-state small">No data in this range.</p>
      </section>
    );
  }
  const change = periodChange(last.value, last.previous, def.unit, def.better);
  const attainment = attainmentText(last);
  const groups = entry.sliced ? topGroups(entry.sliced.series, 5) : [];
  const drill = (period: string, group: string | null = null) =>
    onDrill({ key, period, by: group === null ? null : by, group });
  return (
    <section className="card kpi-tile" data-metric={key}>
      {heading}
      <button
        type="button"
        className="kpi-value"
        data-value={last.value ?? ""}
        data-period={last.period}
        onClick={() => drill(last.period)}
        aria-label={`${title ?? def.name} ${formatMetric(last.value, def.unit, currency)} in ${periodLabel(last.period)}: show the records`}
      >
        {formatMetric(last.value, def.unit, currency, {
          compact: def.unit === "money" || def.unit === "money_per_day",
        })}
      </button>
      <p className="kpi-meta">
        <span>{periodLabel(last.period)}</span>
        <span>
          Previous{" "}
          {formatMetric(last.previous, def.unit, currency, {
            compact: def.unit === "money" || def.unit === "money_per_day",
          })}
        </span>
        {change && (
          <span
            className={`kpi-change ${change.good === null ? "flat" : change.good ? "good" : "bad"}`}
            title="Change from the previous period"
          >
            {change.direction === "up" ? "▲" : change.direction === "down" ? "▼" : "■"} {change.text}
          </span>
        )}
        {attainment && <span className="kpi-target">{attainment}</span>}
      </p>
      <TrendChart
        points={entry.sliced && groups.length > 0 ? entry.sliced.series : series}
        groups={groups.length > 0 ? groups : undefined}
        unit={def.unit}
        currency={currency}
        onPick={(period) => drill(period)}
        label={`${def.name} trend over ${series.length} periods`}
      />
      {by && !def.dimensions.includes(by) && (
        <p className="kpi-note">
          Not sliced: {def.name} cannot be split by {enumLabel(by).toLowerCase()}.
        </p>
      )}
      {entry.slicing && (
        <div className="kpi-groups" aria-busy="true">
          <div className="skeleton skeleton-line" />
          <div className="skeleton skeleton-line" />
        </div>
      )}
      {groups.length > 0 && (
        <ul className="kpi-groups" aria-label={`${def.name} by ${enumLabel(by ?? "")}`}>
          {groups.map((g, i) => (
            <li key={g.group}>
              <button type="button" className="kpi-group" onClick={() => drill(last.period, g.group)}>
                <span className="swatch" style={{ background: colourOf(i) }} aria-hidden="true" />
                <span className="kpi-group-label">
                  {g.group === "(none)" ? "(none)" : enumLabelIfCode(g.label)}
                </span>
                <span className="kpi-group-value">
                  {formatMetric(g.value, def.unit, currency, { compact: true })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** `mid_market` → `Mid market`, but a person's or campaign's name stays as it is. */
const enumLabelIfCode = (label: string) => (/^[a-z0-9_]+$/.test(label) ? enumLabel(label) : label);
