import { type MetricDef, ratio, type Values } from "../definition.ts";

const base = { family: "sales", resource: "pipeline", owners: ["sales", "revops"] } as const;
const FINAL_OUTCOME =
  "Each deal counts once, by its final outcome, in the period of its final close: a deal lost and later reopened and won is a win when it was won, not a loss.";

const winRate = (v: Values) => ratio(v.won_count, v.won_count + v.lost_count);
const avgDeal = (v: Values) => ratio(v.won_amount, v.won_count);
const cycle = (v: Values) => ratio(v.cycle_days_sum, v.won_count);

export const SALES_METRICS: MetricDef[] = [
  {
    ...base,
    key: "bookings",
    name: "Bookings",
    definition: "The value of deals won in the period.",
    formula: "Σ opportunities.amount_minor with status won, by closed_at, converted on the day won",
    unit: "money",
    indicator: "lagging",
    better: "higher",
    cores: ["closed_deals"],
    targets: { kpis: ["bookings"], combine: "sum" },
    notes: [FINAL_OUTCOME],
    value: (v) => v.won_amount,
    drill: { source: "closed_deals", only: { status: ["won"] } },
  },
  {
    ...base,
    key: "deals_won",
    name: "Deals won",
    definition: "How many deals were won in the period.",
    formula: "count of opportunities with status won, by closed_at",
    unit: "count",
    indicator: "lagging",
    better: "higher",
    cores: ["closed_deals"],
    targets: { kpis: ["deals_won"], combine: "sum" },
    notes: [FINAL_OUTCOME],
    value: (v) => v.won_count,
    drill: { source: "closed_deals", only: { status: ["won"] } },
  },
  {
    ...base,
    key: "win_rate",
    name: "Win rate",
    definition: "Of the deals closed in the period, the share won.",
    formula: "won deals ÷ (won + lost deals), by closed_at",
    unit: "rate",
    indicator: "lagging",
    better: "higher",
    cores: ["closed_deals"],
    targets: { kpis: ["win_rate"], combine: "level" },
    notes: [FINAL_OUTCOME],
    value: winRate,
    drill: { source: "closed_deals" },
  },
  {
    ...base,
    key: "win_rate_value",
    name: "Win rate by value",
    definition: "Of the value of deals closed in the period, the share won.",
    formula: "Σ amount won ÷ Σ amount of deals won or lost, by closed_at",
    unit: "rate",
    indicator: "lagging",
    better: "higher",
    cores: ["closed_deals"],
    notes: [FINAL_OUTCOME],
    value: (v) => ratio(v.won_amount, v.won_amount + v.lost_amount),
    drill: { source: "closed_deals" },
  },
  {
    ...base,
    key: "avg_deal_size",
    name: "Average deal size",
    definition: "The average value of a deal won in the period.",
    formula: "Σ amount won ÷ deals won",
    unit: "money",
    indicator: "lagging",
    better: "higher",
    cores: ["closed_deals"],
    value: avgDeal,
    drill: { source: "closed_deals", only: { status: ["won"] } },
  },
  {
    ...base,
    key: "sales_cycle_days",
    name: "Sales cycle length",
    definition: "Average days from opening a deal to winning it, over deals won in the period.",
    formula: "Σ (closed_at − opened_at) in days ÷ deals won",
    unit: "days",
    indicator: "lagging",
    better: "lower",
    cores: ["closed_deals"],
    value: cycle,
    drill: { source: "closed_deals", only: { status: ["won"] } },
  },
  {
    ...base,
    key: "first_touch_to_win_days",
    name: "Sales cycle from first touch",
    definition:
      "Average days from the account's first marketing touch to winning the deal, over deals won in the period.",
    formula:
      "Σ (closed_at − first touchpoint of the account at or before closed_at) in days ÷ won deals with a touchpoint",
    unit: "days",
    owners: ["sales", "marketing", "revops"],
    indicator: "lagging",
    better: "lower",
    cores: ["first_touch"],
    value: (v) => ratio(v.touch_cycle_days_sum, v.touched_won_count),
    drill: { source: "closed_deals", only: { status: ["won"] } },
  },
  {
    ...base,
    key: "pipeline_created",
    name: "Pipeline created",
    definition: "The value of deals opened in the period, at the amount they were opened with.",
    formula:
      "Σ amount of the first stage-history row of opportunities by opened_at, converted on the day opened",
    unit: "money",
    owners: ["sales", "marketing", "revops"],
    indicator: "leading",
    better: "higher",
    cores: ["created_deals"],
    targets: { kpis: ["pipeline", "pipeline_created"], combine: "sum" },
    value: (v) => v.created_amount,
    drill: { source: "created_deals" },
  },
  {
    ...base,
    key: "open_pipeline",
    name: "Open pipeline",
    definition:
      "The value of deals open at the end of the period (or now), as their stage history had them then.",
    formula: "Σ amount of opportunities open at the period end per the latest stage-history row before it",
    unit: "money",
    indicator: "leading",
    better: "higher",
    cores: ["pipeline_end"],
    value: (v) => v.end_open_amount,
    drill: { source: "pipeline_end" },
  },
  {
    ...base,
    key: "pipeline_velocity",
    name: "Pipeline velocity",
    definition: "How much revenue the pipeline is expected to turn into per day.",
    formula:
      "(qualified deals open at the period end × win rate × average deal size) ÷ sales cycle days; win rate, deal size and cycle over deals closed in the period",
    unit: "money_per_day",
    indicator: "leading",
    better: "higher",
    cores: ["pipeline_end", "closed_deals"],
    settings: ["unqualified_stages"],
    notes: ["Qualified: open in a stage not listed in unqualified_stages."],
    value: (v) => {
      const rate = winRate(v);
      const size = avgDeal(v);
      const days = cycle(v);
      if (rate === null || size === null || days === null || days === 0) return null;
      return (v.end_qualified_count * rate * size) / days;
    },
    drill: { source: "pipeline_end", only: { qualified: true } },
  },
  {
    ...base,
    key: "pipeline_coverage",
    name: "Pipeline coverage",
    definition:
      "Open pipeline due to close in the period, as it stood when the period began, per unit of the period's bookings target.",
    formula:
      "Σ amount of deals open at the period start with close_date in the period (per stage history) ÷ bookings target of the period",
    unit: "ratio",
    indicator: "leading",
    better: "higher",
    cores: ["pipeline_start"],
    dimensions: ["team", "owner"],
    measuredAgainst: "bookings",
    notes: [
      "A deal that slips from one quarter to the next counts in the quarter its close date was in when each quarter began.",
      "A period that has not started yet is read as of now.",
    ],
    value: (v, c) => (c.target ? v.start_closing_amount / c.target : null),
    drill: { source: "pipeline_start", only: { closing_in_period: true } },
  },
];
