import { type MetricDef, ratio, type Values } from "../definition.ts";
import { monthsIn } from "../periods.ts";
import { lifetimeValue } from "./revenue.metrics.ts";

const cac = (v: Values) => ratio(v.cac_spend, v.new_customers);
const CAC_NOTES = [
  "By campaign or channel, only costs booked to a campaign of that channel are split; salaries and tools (no campaign) and customers not acquired through a campaign fall in the empty group.",
  "A customer's acquiring campaign is the source campaign of its first won new-business opportunity.",
];

export const ACQUISITION_METRICS: MetricDef[] = [
  {
    key: "marketing_spend",
    name: "Marketing spend",
    family: "acquisition",
    definition: "What marketing cost in the period: campaign spend plus marketing salaries and tools.",
    formula:
      "Σ costs.amount_minor with category in marketing_cost_categories, by incurred_on, converted on that day",
    unit: "money",
    owners: ["marketing", "finance"],
    indicator: "leading",
    better: "lower",
    resource: "marketing",
    cores: ["costs"],
    settings: ["marketing_cost_categories"],
    targets: { kpis: ["marketing_spend"], combine: "sum" },
    notes: [
      "Campaign spend is read from dated cost rows (category campaign), not from campaigns.spend_minor, a running total with no date.",
    ],
    value: (v) => v.marketing_spend,
    drill: { source: "costs", only: { setting: "marketing_cost_categories" } },
  },
  {
    key: "cac",
    name: "Customer acquisition cost",
    family: "acquisition",
    definition:
      "What winning one new customer cost: sales and marketing spend in the period per new customer.",
    formula:
      "Σ costs with category in cac_cost_categories ÷ new customers (accounts whose first MRR started in the period)",
    unit: "money",
    owners: ["marketing", "sales", "finance"],
    indicator: "lagging",
    better: "lower",
    resource: "marketing",
    cores: ["costs", "mrr"],
    settings: ["cac_cost_categories", "mrr_statuses"],
    targets: { kpis: ["cac"], combine: "level" },
    notes: CAC_NOTES,
    value: cac,
    drill: { source: "costs", only: { setting: "cac_cost_categories", with_new_customers: true } },
  },
  {
    key: "cac_payback_months",
    name: "CAC payback",
    family: "acquisition",
    definition: "Months of gross profit from a new customer it takes to earn back what acquiring it cost.",
    formula: "CAC ÷ (new MRR ÷ new customers × gross margin)",
    unit: "months",
    owners: ["finance", "marketing"],
    indicator: "lagging",
    better: "lower",
    resource: "marketing",
    cores: ["costs", "mrr"],
    settings: ["cac_cost_categories", "gross_margin"],
    notes: CAC_NOTES,
    value: (v, c) => {
      const perCustomer = ratio(v.new_mrr, v.new_customers);
      const acquisition = cac(v);
      if (perCustomer === null || acquisition === null || perCustomer <= 0) return null;
      return acquisition / (perCustomer * c.settings.gross_margin);
    },
    drill: { source: "costs", only: { setting: "cac_cost_categories", with_new_customers: true } },
  },
  {
    key: "ltv_to_cac",
    name: "LTV:CAC",
    family: "acquisition",
    definition:
      "Lifetime value of a customer for every unit spent acquiring one; 3 or more is the usual goal.",
    formula: "LTV ÷ CAC",
    unit: "ratio",
    owners: ["finance", "revops", "marketing"],
    indicator: "lagging",
    better: "higher",
    resource: "marketing",
    cores: ["costs", "mrr"],
    dimensions: [],
    settings: ["cac_cost_categories", "gross_margin"],
    value: (v, c) => {
      const ltv = lifetimeValue(v, monthsIn(c.period, c.grain), c.settings.gross_margin);
      const acquisition = cac(v);
      return ltv === null || acquisition === null || acquisition === 0 ? null : ltv / acquisition;
    },
    drill: { source: "costs", only: { setting: "cac_cost_categories", with_new_customers: true } },
  },
  {
    key: "new_leads",
    name: "New leads",
    family: "acquisition",
    definition: "People (or accounts) who became leads in the period.",
    formula:
      "count of lifecycle subjects whose first transition to lead or a later stage falls in the period",
    unit: "count",
    owners: ["marketing"],
    indicator: "leading",
    better: "higher",
    resource: "crm",
    cores: ["leads"],
    settings: ["lifecycle_subject"],
    targets: { kpis: ["leads", "new_leads"], combine: "sum" },
    value: (v) => v.leads,
    drill: { source: "leads" },
  },
  {
    key: "mqls",
    name: "Marketing-qualified leads",
    family: "acquisition",
    definition: "Leads that became marketing-qualified (or went further) for the first time in the period.",
    formula: "count of lifecycle subjects whose first transition to mql or a later stage falls in the period",
    unit: "count",
    owners: ["marketing"],
    indicator: "leading",
    better: "higher",
    resource: "crm",
    cores: ["leads"],
    settings: ["lifecycle_subject"],
    targets: { kpis: ["mqls"], combine: "sum" },
    value: (v) => v.mqls,
    drill: { source: "leads", only: { reached: "mql" } },
  },
  {
    key: "lead_conversion_rate",
    name: "Lead → customer conversion",
    family: "acquisition",
    definition: "Of the leads created in the period, the share that have become customers since.",
    formula: "leads of the period that reached customer (or evangelist) ÷ leads of the period",
    unit: "rate",
    owners: ["marketing", "sales"],
    indicator: "lagging",
    better: "higher",
    resource: "crm",
    cores: ["leads"],
    settings: ["lifecycle_subject"],
    targets: { kpis: ["lead_conversion_rate"], combine: "level" },
    notes: [
      "A cohort rate: recent periods rise as their leads keep converting.",
      "A subject reaching a later stage without passing through lead counts as a lead from that moment.",
    ],
    value: (v) => ratio(v.converted_leads, v.leads),
    drill: { source: "leads" },
  },
];
