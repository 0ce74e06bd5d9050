import { MODEL_DESCRIPTIONS } from "./attribution/models.ts";
import type { MetricDef } from "./definition.ts";
import { METRICS, metricDimensions } from "./registry/index.ts";
import { DEFAULT_METRIC_SETTINGS, type MetricSettings } from "./settings.ts";
import { DIMENSIONS } from "./sql/dimensions.ts";

const FAMILIES: Array<[MetricDef["family"], string]> = [
  ["revenue", "Recurring revenue"],
  ["acquisition", "Marketing and acquisition"],
  ["sales", "Sales and pipeline"],
  ["success", "Customer success"],
  ["forecast", "Forecasting"],
];

const UNITS: Record<MetricDef["unit"], string> = {
  money: "money (major units of the reporting currency)",
  money_per_day: "money per day",
  rate: "rate (a fraction: 0.25 is 25%)",
  ratio: "ratio",
  count: "count",
  days: "days",
  hours: "hours",
  months: "months",
};

/** What each setting means and where its default comes from. */
const SETTING_DOCS: Record<keyof MetricSettings, string> = {
  mrr_statuses:
    "Subscription statuses whose MRR counts. ChartMogul counts past-due subscriptions until they are cancelled; trialing, paused, canceled, incomplete and unpaid count nothing.",
  past_due_churn_days:
    "A subscription past due for longer than this many days stops counting (churns); it counts again when paid. `null` never churns it — ChartMogul's default; ChartMogul's option allows 1–90 days.",
  reactivation_window_months:
    "A former customer returning more than this many months after it stopped counts as new business, not reactivation. `null`: always reactivation (ChartMogul).",
  churn_denominator:
    "`start`: churned customers ÷ customers at the start of the period (ChartMogul's standard, B2B formula). `average`: ÷ the average of start and end, a common simplification for B2C businesses with many sign-ups within the period.",
  gross_margin:
    "Gross margin (a fraction) for LTV and CAC payback; 0.8 is a common planning figure for SaaS — set your own.",
  marketing_cost_categories: "Cost categories counted as marketing spend.",
  cac_cost_categories:
    "Cost categories counted in CAC: sales and marketing, including commissions and partner fees.",
  unqualified_stages:
    "Open stages that are not yet qualified pipeline (excluded from pipeline velocity's deal count).",
  opportunity_stages: "Opportunity stages in funnel order, for bottlenecks.",
  lifecycle_subject: "Whose lifecycle lead conversion and the funnel measure: `contact` or `account`.",
  stalled_factor: "A deal stalls when open in its stage longer than this many times the stage's median.",
  attribution_lookback_days: "Touchpoints older than this before a conversion get no credit.",
  time_decay_half_life_days: "Half-life of the time-decay attribution model (HubSpot uses 7 days).",
  fx_pivot_currency: "Currency through which two currencies without a direct rate are crossed.",
  forecast_lock_days:
    "Forecast accuracy scores the latest snapshot taken no later than this many days after the period starts.",
  predictability_periods: "Revenue predictability looks at this many periods, ending with the one shown.",
  predictability_tolerance:
    "…and counts a period as predicted when the actual is within this fraction of the forecast.",
  week_starts_on: "First day of a week for the week grain.",
};

const code = (v: unknown) => `\`${JSON.stringify(v)}\``;

function metricSection(def: MetricDef): string {
  const lines = [
    `### \`${def.key}\` — ${def.name}`,
    "",
    def.definition,
    "",
    `    ${def.formula}`,
    "",
    `- **Unit**: ${UNITS[def.unit]}; ${def.better} is better; ${def.indicator} indicator.`,
    `- **Owners**: ${def.owners.join(", ")}. **Read access**: ${def.resource}.`,
  ];
  const dims = metricDimensions(def);
  lines.push(`- **Slice by**: ${dims.length ? dims.map((d) => `\`${d}\``).join(", ") : "—"}.`);
  if (def.targets)
    lines.push(
      `- **Targets**: \`targets.kpi\` ${def.targets.kpis.map((k) => `\`${k}\``).join(" or ")} (${def.targets.combine}).`,
    );
  if (def.measuredAgainst) lines.push(`- **Measured against** the \`${def.measuredAgainst}\` target.`);
  if (def.settings?.length) lines.push(`- **Settings**: ${def.settings.map((s) => `\`${s}\``).join(", ")}.`);
  lines.push(
    `- **Drill-down**: ${def.drill.source.replaceAll("_", " ")}${
      def.drill.only
        ? ` (${Object.entries(def.drill.only)
            .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : v}`)
            .join("; ")})`
        : ""
    }.`,
  );
  for (const note of def.notes ?? []) lines.push(`- ${note}`);
  return lines.join("\n");
}

/** docs/metrics.md, generated from the KPI registry so the two cannot drift. */
export function metricsMarkdown(): string {
  const families = FAMILIES.map(([family, title]) => {
    const defs = METRICS.filter((m) => m.family === family);
    return `## ${title}\n\n${defs.map(metricSection).join("\n\n")}`;
  }).join("\n\n");
  const settings = (Object.keys(SETTING_DOCS) as Array<keyof MetricSettings>)
    .map((k) => `| \`${k}\` | ${code(DEFAULT_METRIC_SETTINGS[k])} | ${SETTING_DOCS[k]} |`)
    .join("\n");
  const dims = Object.entries(DIMENSIONS)
    .map(([k, v]) => `\`${k}\` (${v})`)
    .join(", ");
  const models = Object.entries(MODEL_DESCRIPTIONS)
    .map(([k, v]) => `- \`${k}\`: ${v}`)
    .join("\n");
  return `# Metrics and formulas

Generated from the KPI registry (\`src/metrics/registry/\`) by \`npm run docs\`; a test fails when
this file is stale. Every number Revline shows is defined here once: the API
(\`GET /api/metrics\`, \`GET /api/metrics/KEY\`), the CLI (\`revline metrics\`) and the dashboards all
read the same definitions.

## Conventions

- **Periods** are calendar days, weeks, months, quarters and years in the workspace's time zone
  (\`workspaces.timezone\`): a deal won at 23:30 UTC on 31 March in a UTC+2 workspace is April's.
  \`from\`/\`to\` are rounded out to whole periods; a period still running is read as of now.
- **Balances** (MRR, customers, open pipeline) are read at the end of a period: the state just
  before the first instant of the next one. **Flows** (bookings, spend, tickets) count the
  records whose date falls inside the period.
- **Movements** (new, expansion, contraction, churn, reactivation) compare each account's MRR at
  the start and end of the period, so a customer who churns and returns inside one period shows
  only its net change. Quarters and years compare their own start and end.
- **Money** is stored in integer minor units and reported in major units of the reporting
  currency (\`workspaces.reporting_currency\`). Each amount is converted at the \`fx_rates\` rate of
  its date (the latest dated on or before it; a pair stated the other way is inverted; otherwise
  crossed through \`fx_pivot_currency\`). A date before a pair's first rate uses that first rate.
  An amount whose currency has no rate at all is refused with an error naming the currency
  (field \`fx_rates\`), never silently dropped.
- **Constant currency for movements**: start MRR is revalued at the period end's rates before
  movements are classified, so exchange-rate moves never look like expansion or contraction;
  they are reported apart as \`fx_adjustment_mrr\` (start + FX adjustment + net new = end).
- **Rates** are fractions (0.25, not 25). A rate with a zero denominator is \`null\`.
- **Dimensions** are the records' current values: ${dims}.
- **Targets** come from \`targets\` rows (\`kpi\`, period, value; money in minor units of \`currency\`).
  Flows prorate every overlapping target by the days it shares with the period and add them up;
  balances add the targets in force on the period's last day; rates take the one in force then.
  With no company-wide target, team targets add up to the company's, and users' to their team's.
  \`attainment\` = value ÷ target.
- **Drill-down**: \`GET /api/metrics/KEY/records?period=…[&by=…&group=…]\` lists the records
  behind one value with the role each plays in the formula and the amount that counted.
  The funnel and time in stage drill the same way: \`GET /api/metrics/funnel/records?stage=…&step=reached|converted\`
  (the contacts or accounts counted in the step) and \`GET /api/metrics/bottlenecks/records?stage=…&kind=in_stage|stalled\`
  (the deals that entered the stage in the range with their days in it, or those stalled there).

## Settings

Stored in \`workspaces.settings.metrics\` (\`GET\`/\`PATCH /api/metrics/settings\`); defaults below.
Vendors differ on these; the defaults follow ChartMogul's documented behaviour unless noted.

| setting | default | meaning |
|---|---|---|
${settings}

## Monthly recurring revenue of a subscription (\`mrr_minor\`)

Computed on every write of a subscription or subscription version from its items:

    MRR = round( Σ_items (quantity × unit_amount_minor) ÷ months_per_interval )

with months_per_interval = 1 for \`month\`, 3 for \`quarter\`, 12 for \`year\`, 12/52 for \`week\`.
Amounts are integer minor units of the subscription's currency (no conversion). Example: 3 seats
at 50.00 and one add-on at 20.00, billed yearly: 170.00 ÷ 12 = 14.17 → \`1417\`.

Each change of items, billing interval, currency or status appends a subscription version
effective from that moment, so MRR on a past date is the \`mrr_minor\` of the version in force
then (latest \`effective_at\` before it), counted when its status is in \`mrr_statuses\`. An account
is a **customer** while at least one of its subscriptions is in force in a counting status — so
cancelling one of two subscriptions is contraction, and churn happens only when none is left.

## Invoice line amount (\`amount_minor\`)

    amount_minor = quantity × unit_amount_minor   (quantity defaults to 1)

## Opportunity status

A stage whose name matches \`closed won\` / \`won\` (any case, separators ignored) sets
\`status = won\`; \`closed lost\` / \`lost\` sets \`status = lost\`; either sets \`closed_at\` (when not
given) and \`forecast_category = closed\`. Win rate, cycle length and bookings read \`status\`,
\`opened_at\` and \`closed_at\` — a deal's final outcome; open pipeline, coverage and bottlenecks
read the stage history.

${families}

## Attribution

\`GET /api/metrics/attribution?model=…&basis=pipeline|revenue&by=campaign|channel\` credits the
pipeline opened (at the amount it opened with) or the revenue won in a range to campaigns. A
deal's touches are the touchpoints of its account, and of its primary contact, within
\`attribution_lookback_days\` before the conversion (opening or win). Deals with no touch are
counted as unattributed. \`model=all\` returns every model side by side.

${models}

## Cohorts

\`GET /api/metrics/cohorts?from=YYYY-MM&to=YYYY-MM\`: accounts grouped by the month they first
became customers. For each later month end: customers still active ÷ cohort size (logo
retention) and their MRR ÷ the cohort's MRR at the end of its first month (revenue retention),
all converted at one rate (the last month's) so currency moves are not read as expansion.

## Bottlenecks

\`GET /api/metrics/bottlenecks?from&to&factor\`: for each opportunity stage (in
\`opportunity_stages\` order) and lifecycle stage, the visits that began in the range — how many,
the median, mean and 90th-percentile days of the finished ones, and the conversion onward (of the
visits that ended, the share followed by a later stage or a win). Stalled deals: open deals in
their current stage longer than \`factor\` × that stage's median.

## Pre-aggregation

Reads of complete months come from monthly pre-aggregates instead of replaying history:

- \`metric_mrr_movements\`: each account's MRR movement per month, written by the same SQL the
  live path runs, and its sums per month, account segment and region in \`metric_mrr_months\`
  (month grain; sliced by segment or region, or not at all, a read adds a few dozen rows; other
  slices join the per-account rows to the accounts).
- \`metric_open_deals\`: the deals open at each month end as their stage history had them, and
  their sums per month, segment, region, stage and currency in \`metric_open_deal_months\`
  (open pipeline, coverage and velocity; month grain).
- \`metric_deal_months\`: deals opened, won and lost per month, account segment and region —
  once more per owner — with their counts, amounts in the reporting currency (converted on the
  day, as live), renewals and the days from opened to won (bookings, win rates, average deal
  size, sales cycle, renewal rate, pipeline created). Months, quarters and years add up from it
  when sliced by segment, region, owner or team (or not at all); the month under way is computed
  live and added, and any other slicing is computed live.

They are kept up to date on read, incrementally. Database triggers record what each write
touched — the accounts whose subscriptions or versions changed, the deals whose record or stage
history changed, the months whose deals opened or closed, and the accounts (with their deals)
that moved to another segment or region — and the next read rewrites only those rows, once,
under an advisory lock: the summaries take back what the old rows added and add the new ones.
The whole table is rebuilt when that is cheaper (more than 20,000 touched items), and when the
time zone, reporting currency or a setting it depends on changes. An FX rate change revalues
only the days from its date on — unless it is, or was, its pair's earliest rate, which every
earlier day uses too: the triggers record the earliest day the changes since the last build can
move, and MRR is rebuilt from the month holding the day before it (a month reads the rates of
the days before its first and last instants), and the deals pre-aggregate's months from the
changed day's on are marked touched (deals convert on the day they open or close); a pair's
earliest rate rebuilds both whole. A daily FX feed therefore rewrites the last month or two, not
the whole history: at 10,000 accounts on PGlite the first dashboard read after a rate of last
month takes 153–156 ms instead of 1,124 ms (\`npm run bench -- metrics\`, field \`fxRateMs\`). A read whose rates were loaded before a rate was written (its rates'
fingerprint no longer matches the database's once it holds the lock) builds nothing and is
computed live, so no month is ever marked up to date with a stale rate. When a month completes, the first read after it does not rebuild: in one
transaction under the same lock it rewrites the touched rows through the months already held,
then adds the month (or months) completed since — every account's and deal's rows and their
sums. That holds because a complete month's rows depend only on the data, the settings and the
rates, never on the day they are built: MRR is read at the month's first and last instants (both
past) at the rates of the days before them, past-due churn counts from when the subscription fell
past due and reactivation looks back from the month's start; open deals are kept in their own
currency; deals opened and closed are converted on their own day. A pre-aggregate whose months
could change as today moves would have to be rebuilt whole instead (none does today). Other
grains, the running month of MRR and pipeline, and drill-downs are computed live; tests check
both paths give the same numbers, before and after a month completes.

## API and CLI

- \`GET /api/metrics\` — the registry; \`GET /api/metrics/KEY?from&to&grain&by&filter\` — one value per
  period (and group) with \`previous\`, \`target\` and \`attainment\`; \`GET /api/metrics/batch?keys=…\`
  — several KPIs sharing their queries; \`GET /api/metrics/KEY/records?period&by&group\` —
  drill-down; \`GET|PATCH /api/metrics/settings\`; \`GET|POST /api/metrics/forecast-snapshots\`.
- Reading a KPI needs read access to its area (finance, pipeline, marketing, crm, support,
  planning), as listed above.
- \`revline metrics KEY --from --to --grain month --by segment [--filter …] [--json|--csv]\`,
  \`revline metrics KEY --records 2026-03\`, \`revline metrics --list\`.

## Funnel

\`GET /api/metrics/funnel?from&to\`: subjects (\`lifecycle_subject\`) entering the lifecycle funnel in
the range; how many reached subscriber, lead, MQL, SQL, opportunity and customer since (reaching a
later stage counts as passing the skipped ones), the conversion from the stage before and the
median days it took.

When a subject reached a stage is its lifecycle transition's time: the moment of the write for
records created or edited in Revline, and the source's own date for imported ones (HubSpot's
"Became a … Date", Salesforce's lead created and converted dates; see
[imports](imports.md#lifecycle-history)), so imported history counts in the months it happened.
`;
}
