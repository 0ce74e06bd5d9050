import { type ReactNode, useId } from "react";
import type { MetricDef } from "./dashboard-types.ts";

/**
 * A KPI's heading with its definition and exact formula from the registry, shown on hover or
 * keyboard focus of the heading (and read by screen readers as its description).
 */
export function MetricHeading({
  def,
  children,
  level = 2,
}: {
  def: Pick<MetricDef, "name" | "definition" | "formula"> | undefined;
  children?: ReactNode;
  level?: 2 | 3;
}) {
  const id = useId();
  const Tag = level === 2 ? "h2" : "h3";
  if (!def) return <Tag className="metric-heading">{children}</Tag>;
  return (
    <span className="metric-info">
      <Tag className="metric-heading">
        <button type="button" aria-describedby={id} className="metric-name">
          {children ?? def.name}
        </button>
      </Tag>
      <span role="tooltip" id={id} className="metric-tooltip">
        <span className="metric-tooltip-definition">{def.definition}</span>
        <span className="metric-tooltip-formula">
          <span className="visually-hidden">Formula: </span>
          {def.formula}
        </span>
      </span>
    </span>
  );
}
