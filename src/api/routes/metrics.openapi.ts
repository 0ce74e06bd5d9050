import { BOTTLENECK_KINDS, FUNNEL_STEPS } from "../../metrics/funnel-records.ts";
import { ATTRIBUTION_MODELS, DIMENSIONS, GRAINS, METRICS } from "../../metrics/index.ts";
import { FUNNEL_STAGES } from "../../metrics/sql/lifecycle.sql.ts";

type Json = Record<string, unknown>;

const tags = ["Metrics"];
const ok = (description: string, schema?: Json) => ({
  description,
  ...(schema ? { content: { "application/json": { schema } } } : {}),
});
const errorRef = { $ref: "#/components/schemas/Error" };
const errors = {
  "400": ok("Bad query parameter", errorRef),
  "401": ok("Not signed in", errorRef),
  "403": ok("The role may not read the KPI's area", errorRef),
};
const q = (name: string, description: string, schema: Json = { type: "string" }) => ({
  name,
  in: "query",
  description,
  schema,
});
const dateParam = (name: string, description: string) =>
  q(name, description, { type: "string", format: "date" });
const keyParam = {
  name: "key",
  in: "path",
  required: true,
  schema: { type: "string", enum: METRICS.map((m) => m.key) },
};
const seriesParams = [
  dateParam("from", "First day (YYYY-MM-DD); rounded out to whole periods. Default: 12 periods up to `to`."),
  dateParam("to", "Last day (YYYY-MM-DD); default today in the workspace time zone."),
  q("grain", "Period length, in the workspace time zone", { type: "string", enum: GRAINS, default: "month" }),
  q("by", "Slice by a dimension (each KPI lists its own)", { type: "string", enum: Object.keys(DIMENSIONS) }),
  q(
    "filter",
    "dimension:value[|value…][,dimension:value…], e.g. segment:enterprise|mid_market,region:EMEA; `(none)` for no value",
  ),
];

const definition = {
  type: "object",
  properties: {
    key: { type: "string" },
    name: { type: "string" },
    family: { type: "string" },
    definition: { type: "string" },
    formula: { type: "string" },
    unit: { enum: ["money", "money_per_day", "rate", "ratio", "count", "days", "hours", "months"] },
    owners: { type: "array", items: { type: "string" } },
    indicator: { enum: ["leading", "lagging"] },
    better: { enum: ["higher", "lower"] },
    resource: { type: "string" },
    dimensions: { type: "array", items: { type: "string" } },
    targets: {
      type: "array",
      items: { type: "string" },
      description: "targets.kpi values that set its target",
    },
    notes: { type: "array", items: { type: "string" } },
    settings: { type: "object", description: "The workspace settings it depends on, with their values" },
  },
};
const point = {
  type: "object",
  required: ["period", "start", "end", "value", "previous"],
  properties: {
    period: { type: "string", description: "2026-03, 2026-Q1, 2026, or the first day for day and week" },
    start: { type: "string", format: "date" },
    end: { type: "string", format: "date" },
    group: { type: ["string", "null"] },
    label: {
      type: ["string", "null"],
      description: "Name of the group's record (owner, team, partner, campaign)",
    },
    value: {
      type: ["number", "null"],
      description: "Rates as fractions; money in major units of `currency`",
    },
    previous: { type: ["number", "null"], description: "The value of the period before" },
    target: { type: ["number", "null"] },
    attainment: { type: ["number", "null"], description: "value ÷ target" },
  },
};
const result = {
  type: "object",
  properties: {
    metric: definition,
    grain: { enum: GRAINS },
    from: { type: "string", format: "date" },
    to: { type: "string", format: "date" },
    currency: { type: "string" },
    by: { type: ["string", "null"] },
    filter: { type: "object" },
    series: { type: "array", items: point },
  },
};

/** OpenAPI paths of the metrics routes, merged into the document by src/api/server.ts. */
export function metricsOpenApiPaths(): Json {
  return {
    "/api/metrics": {
      get: {
        tags,
        summary: "The KPI registry: every KPI's definition, formula, unit, owners, indicator and dimensions",
        responses: {
          "200": ok("Registry", {
            type: "object",
            properties: { data: { type: "array", items: definition } },
          }),
          ...errors,
        },
      },
    },
    "/api/metrics/{key}": {
      get: {
        tags,
        summary:
          "One KPI: one value per period (and per group with `by`), the previous period's value and the target",
        parameters: [keyParam, ...seriesParams],
        responses: { "200": ok("Series", result), "404": ok("No such KPI", errorRef), ...errors },
      },
    },
    "/api/metrics/{key}/records": {
      get: {
        tags,
        summary:
          "Drill-down: the exact records behind one value (deals won, churned accounts and subscriptions, costs…)",
        parameters: [
          keyParam,
          q("period", "The period key as the series shows it", { type: "string" }),
          q("grain", "Period length", { type: "string", enum: GRAINS, default: "month" }),
          q("by", "The dimension of `group`", { type: "string", enum: Object.keys(DIMENSIONS) }),
          q("group", "The group's value; `(none)` for records without one"),
          q("filter", "As for the series"),
          q("limit", "Records per page (1–1000)", { type: "integer", default: 100 }),
          q("offset", "Records to skip", { type: "integer", default: 0 }),
        ],
        responses: {
          "200": ok("Records with the role each plays in the formula and the amount that counted"),
          ...errors,
        },
      },
    },
    "/api/metrics/batch": {
      get: {
        tags,
        summary:
          "Several KPIs over the same periods in one call (a dashboard), sharing the queries they have in common",
        parameters: [q("keys", "Comma-separated KPI keys"), ...seriesParams],
        responses: {
          "200": ok("One series per key", {
            type: "object",
            properties: { data: { type: "array", items: result } },
          }),
          ...errors,
        },
      },
    },
    "/api/metrics/settings": {
      get: {
        tags,
        summary:
          "The metric conventions of this workspace (reactivation window, delinquency, churn formula…) and their defaults",
        responses: { "200": ok("Settings"), ...errors },
      },
      patch: {
        tags,
        summary: "Change metric conventions (admin)",
        requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
        responses: { "200": ok("The resolved settings"), "422": ok("Invalid setting", errorRef), ...errors },
      },
    },
    "/api/metrics/attribution": {
      get: {
        tags,
        summary: "Attribution of pipeline or revenue to campaigns or channels, under one or every model",
        parameters: [
          q("model", `all (default), or a comma-separated list of ${ATTRIBUTION_MODELS.join(", ")}`),
          q("basis", "pipeline (deals opened in the range) or revenue (deals won in it)", {
            type: "string",
            enum: ["pipeline", "revenue"],
          }),
          dateParam("from", "Default: a year before `to`"),
          dateParam("to", "Default: today"),
          q("by", "campaign or channel", { type: "string", enum: ["campaign", "channel"] }),
        ],
        responses: { "200": ok("Credit per group and model"), ...errors },
      },
    },
    "/api/metrics/cohorts": {
      get: {
        tags,
        summary: "Logo and revenue retention by signup month",
        parameters: [q("from", "First signup month (YYYY-MM)"), q("to", "Last month (YYYY-MM)")],
        responses: { "200": ok("One row per cohort, one cell per month since signup"), ...errors },
      },
    },
    "/api/metrics/bottlenecks": {
      get: {
        tags,
        summary: "Time in each opportunity and lifecycle stage, conversion onward, and stalled deals",
        parameters: [
          dateParam("from", "Stage visits beginning on or after; default a year before `to`"),
          dateParam("to", "Default: today"),
          q("factor", "Stalled: open longer than factor × the stage's median", { type: "number" }),
          q("limit", "Stalled deals listed (1–1000)", { type: "integer", default: 100 }),
        ],
        responses: { "200": ok("Stage tables and stalled deals"), ...errors },
      },
    },
    "/api/metrics/funnel": {
      get: {
        tags,
        summary:
          "The lifecycle funnel of subjects entering it in the range: reached, conversion, median days",
        parameters: [dateParam("from", "Default: a year before `to`"), dateParam("to", "Default: today")],
        responses: { "200": ok("One row per funnel stage"), ...errors },
      },
    },
    "/api/metrics/funnel/records": {
      get: {
        tags,
        summary:
          "Drill-down of the funnel: the contacts (or accounts) that reached a stage, or went on from it to the next",
        parameters: [
          q("stage", "Funnel stage", { type: "string", enum: [...FUNNEL_STAGES] }),
          q("step", "reached: reached the stage; converted: then reached the next one", {
            type: "string",
            enum: [...FUNNEL_STEPS],
            default: "reached",
          }),
          dateParam("from", "As for the funnel"),
          dateParam("to", "As for the funnel"),
          q("limit", "Records per page (1–1000)", { type: "integer", default: 100 }),
          q("offset", "Records to skip", { type: "integer", default: 0 }),
        ],
        responses: {
          "200": ok("The subjects behind the step, with when they entered, reached the stage and converted"),
          "422": ok("Unknown stage or step", errorRef),
          ...errors,
        },
      },
    },
    "/api/metrics/bottlenecks/records": {
      get: {
        tags,
        summary:
          "Drill-down of time in stage: the deals that entered an opportunity stage, or are stalled in it",
        parameters: [
          q("stage", "Opportunity stage"),
          q("kind", "in_stage: visits that began in the range; stalled: open deals stalled there now", {
            type: "string",
            enum: [...BOTTLENECK_KINDS],
            default: "in_stage",
          }),
          dateParam("from", "As for the bottlenecks"),
          dateParam("to", "As for the bottlenecks"),
          q("factor", "Stalled: open longer than factor × the stage's median", { type: "number" }),
          q("limit", "Records per page (1–1000)", { type: "integer", default: 100 }),
          q("offset", "Records to skip", { type: "integer", default: 0 }),
        ],
        responses: {
          "200": ok("The deals behind the stage, with their days in it"),
          "422": ok("Unknown stage or kind", errorRef),
          ...errors,
        },
      },
    },
    "/api/metrics/forecast-snapshots": {
      get: {
        tags,
        summary: "Stored forecast snapshots (scored by forecast_accuracy and revenue_predictability)",
        parameters: [q("metric", "Only snapshots of this KPI")],
        responses: { "200": ok("Snapshots, newest period first"), ...errors },
      },
      post: {
        tags,
        summary:
          "Store forecast snapshots: metric, period_start, period_end, forecast_value (minor units for money), currency, taken_at",
        requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
        responses: { "201": ok("Stored"), "422": ok("Invalid snapshot", errorRef), ...errors },
      },
    },
  };
}
