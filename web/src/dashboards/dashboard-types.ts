/** Shapes of the metrics API (src/api/routes/metrics.routes.ts) as the dashboards read them. */

export type Unit = "money" | "money_per_day" | "rate" | "ratio" | "count" | "days" | "hours" | "months";

export interface MetricDef {
  key: string;
  name: string;
  family: string;
  definition: string;
  formula: string;
  unit: Unit;
  owners: string[];
  indicator: "leading" | "lagging";
  better: "higher" | "lower";
  resource: string;
  dimensions: string[];
  targets: string[];
  notes: string[];
}

export interface Registry {
  data: MetricDef[];
  grains: string[];
  dimensions: Record<string, string>;
  currency: string;
  timezone: string;
}

export interface SeriesPoint {
  period: string;
  start: string;
  end: string;
  group?: string | null;
  label?: string | null;
  value: number | null;
  previous: number | null;
  target?: number | null;
  attainment?: number | null;
}

export interface MetricResult {
  metric: MetricDef;
  grain: string;
  from: string;
  to: string;
  currency: string;
  by: string | null;
  series: SeriesPoint[];
}

export interface DrillRecord {
  object: string;
  id: string | null;
  name: string | null;
  role: string;
  [field: string]: unknown;
}

export interface DrillPage {
  metric: MetricDef;
  period: string;
  start: string;
  end: string;
  by: string | null;
  group: string | null;
  currency: string;
  records: DrillRecord[];
  total: number;
  limit: number;
  offset: number;
}

export interface FunnelStage {
  stage: string;
  reached: number;
  conversion_from_previous: number | null;
  conversion_from_entry: number | null;
  median_days_from_previous: number | null;
}

export interface Funnel {
  from: string;
  to: string;
  subject: string;
  entered: number;
  stages: FunnelStage[];
}

export interface AttributionRow {
  group: string | null;
  label: string | null;
  value: number;
  opportunities: number;
  share: number | null;
}

export interface Attribution {
  basis: "pipeline" | "revenue";
  by: "campaign" | "channel";
  from: string;
  to: string;
  currency: string;
  lookback_days: number;
  opportunities: number;
  value: number;
  unattributed_opportunities: number;
  results: Array<{ model: string; description: string; rows: AttributionRow[] }>;
}

export interface CohortMonth {
  offset: number;
  month: string;
  customers: number;
  mrr: number;
  logo_retention: number | null;
  revenue_retention: number | null;
}

export interface Cohorts {
  from: string;
  to: string;
  currency: string;
  rate_date: string;
  cohorts: Array<{ cohort: string; customers: number; mrr: number; months: CohortMonth[] }>;
}

export interface StageStats {
  stage: string;
  entered: number;
  completed: number;
  median_days: number | null;
  average_days: number | null;
  p90_days: number | null;
  advanced: number;
  decided: number;
  conversion: number | null;
}

export interface StalledDeal {
  id: string;
  name: string;
  stage: string;
  entered_at: string;
  days_in_stage: number;
  median_days: number;
  ratio: number;
  amount: number | null;
  owner_id: string | null;
  account_id: string | null;
  close_date: string | null;
}

export interface Bottlenecks {
  from: string;
  to: string;
  stalled_factor: number;
  currency: string;
  opportunity_stages: StageStats[];
  lifecycle_subject: string;
  lifecycle_stages: StageStats[];
  stalled: { total: number; deals: StalledDeal[] };
}
