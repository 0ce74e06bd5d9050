import type { Area } from "../model/object-def.ts";
import type { TEAM_KINDS } from "../model/objects/enums.ts";
import type { Grain, Period } from "./periods.ts";
import type { MetricSettings } from "./settings.ts";
import type { Dimension } from "./sql/dimensions.ts";

export type Unit = "money" | "money_per_day" | "rate" | "ratio" | "count" | "days" | "hours" | "months";
export type Family = "revenue" | "acquisition" | "sales" | "success" | "forecast";
export type Team = (typeof TEAM_KINDS)[number];

/** The named aggregate queries KPIs are computed from (see src/metrics/cores.ts). */
export type CoreName =
  | "mrr"
  | "closed_deals"
  | "first_touch"
  | "created_deals"
  | "pipeline_start"
  | "pipeline_end"
  | "costs"
  | "collected"
  | "leads"
  | "tickets";

/** The aggregates of one period and group, by name (amounts in reporting minor units). */
export type Values = Record<string, number>;

export interface ValueContext {
  grain: Grain;
  period: Period;
  settings: MetricSettings;
  /** The target the KPI is measured against (pipeline coverage), in the KPI's units. */
  target?: number | null;
}

/** Which records a value is made of, for drill-down. */
export interface DrillSpec {
  source:
    | "mrr_movements"
    | "customers"
    | "closed_deals"
    | "created_deals"
    | "pipeline_start"
    | "pipeline_end"
    | "costs"
    | "collected"
    | "leads"
    | "tickets_opened"
    | "tickets_solved"
    | "forecast";
  /** Narrows the source: movement kinds, deal statuses and types, cost categories, … */
  only?: Readonly<Record<string, readonly string[] | boolean | string>>;
}

export interface MetricDef {
  key: string;
  name: string;
  family: Family;
  /** One or two plain sentences a non-analyst understands. */
  definition: string;
  /** The exact formula, in the words of the data model. */
  formula: string;
  unit: Unit;
  owners: readonly Team[];
  indicator: "leading" | "lagging";
  /** Whether a higher value is better. */
  better: "higher" | "lower";
  /** Business area a caller must be able to read. */
  resource: Area;
  cores: readonly CoreName[];
  /** Dimensions it can be sliced by (defaults to every dimension all its cores share). */
  dimensions?: readonly Dimension[];
  /** Settings (workspaces.settings.metrics) that change how it is computed. */
  settings?: ReadonlyArray<keyof MetricSettings>;
  /** Notes on conventions and edge cases, for docs/metrics.md. */
  notes?: readonly string[];
  /** `targets.kpi` values that set its target, and how targets of several periods combine. */
  targets?: { kpis: readonly string[]; combine: "sum" | "end" | "level" };
  /** The KPI whose target this one is measured against (coverage: the bookings target). */
  measuredAgainst?: string;
  value(v: Values, c: ValueContext): number | null;
  drill: DrillSpec;
  /** Scored from stored forecast snapshots against another KPI's actuals (src/metrics/forecast.ts). */
  forecast?: "accuracy" | "predictability";
}

/** a ÷ b, or null when b is zero (no rate can be read from nothing). */
export const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
