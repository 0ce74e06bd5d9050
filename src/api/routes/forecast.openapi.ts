import { FORECAST_BY, SERIES_METRICS } from "../../forecast/index.ts";

type Json = Record<string, unknown>;

const tags = ["Forecast"];
const json = (schema: Json) => ({ "application/json": { schema } });
const ok = (description: string, schema: Json = { type: "object" }) => ({
  description,
  content: json(schema),
});
const error = (description: string) => ({
  description,
  content: json({ $ref: "#/components/schemas/Error" }),
});
const errors = {
  "401": error("Not signed in"),
  "403": error("The role may not read planning or pipeline data"),
  "422": error("A bad parameter; `error.field` names it"),
};
const q = (name: string, description: string, schema: Json = { type: "string" }) => ({
  name,
  in: "query",
  description,
  schema,
});
const money = { type: "number", description: "Reporting currency, major units" };
const byMethod = (description: string) => ({ type: "object", description, additionalProperties: money });
const score = {
  type: "object",
  properties: {
    periods: { type: "integer" },
    mape: { type: ["number", "null"], description: "Mean |actual − forecast| / actual" },
    bias: {
      type: ["number", "null"],
      description: "Mean (forecast − actual) / actual; positive = forecasts ran high",
    },
    accuracy: { type: ["number", "null"], description: "Mean of 1 − |actual − forecast| / actual" },
  },
};
const factor = {
  type: "object",
  properties: {
    feature: { type: "string" },
    label: { type: "string" },
    value: { type: ["string", "number"] },
    effect: { type: "number", description: "Change in log-odds of winning against the average deal" },
    direction: { enum: ["raises", "lowers"] },
  },
};
const quarters = (max: number, fallback: number) =>
  q("quarters", `How many complete quarters back (1–${max})`, { type: "integer", default: fallback });

export const forecastOpenApi = {
  "/api/forecast": {
    get: {
      tags,
      summary:
        "Bookings forecast of a quarter per company, team or owner: methods side by side, categories, calls",
      parameters: [
        q("period", "Quarter, e.g. 2026Q4 or 2026-Q4; default the current one (workspace time zone)"),
        q("by", "Grouping", { enum: FORECAST_BY, default: "company" }),
      ],
      responses: {
        "200": ok("The period forecast", {
          type: "object",
          properties: {
            period: { type: "string" },
            start: { type: "string", format: "date" },
            end: { type: "string", format: "date" },
            by: { enum: FORECAST_BY },
            currency: { type: "string" },
            headline_method: { enum: ["model", "weighted"] },
            model: {
              type: "object",
              properties: { method: { type: "string" }, reason: { type: ["string", "null"] } },
            },
            groups: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  group: { type: ["string", "null"] },
                  label: { type: "string" },
                  closed: money,
                  open_deals: { type: "integer" },
                  forecast: money,
                  methods: byMethod(
                    "weighted, stage_conversion, model: closed so far plus expected from open deals",
                  ),
                  categories: byMethod(
                    "closed, commit, best_case, pipeline and the commit / best-case totals",
                  ),
                  call: { type: ["object", "null"] },
                },
              },
            },
          },
        }),
        ...errors,
      },
    },
  },
  "/api/forecast/deals": {
    get: {
      tags,
      summary: "Open deals with win probability, expected close date and top factors",
      parameters: [
        q("owner", "Only this owner's deals (user id)"),
        q("limit", "1–1000", { type: "integer", default: 100 }),
      ],
      responses: {
        "200": ok("Deals, largest expected value first", {
          type: "object",
          properties: {
            method: { enum: ["model", "stage_fallback"] },
            reason: { type: ["string", "null"] },
            total: { type: "integer" },
            data: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  id: { type: "string" },
                  name: { type: "string" },
                  stage: { type: "string" },
                  amount: money,
                  probability: { type: "number" },
                  expected_close: { type: "string", format: "date" },
                  method: { enum: ["model", "stage_fallback"] },
                  factors: { type: "array", items: factor },
                },
              },
            },
          },
        }),
        ...errors,
      },
    },
  },
  "/api/forecast/model": {
    get: {
      tags,
      summary:
        "The win-probability model: method or fallback reason, training counts, holdout AUC/Brier, reliability table",
      responses: { "200": ok("The model"), ...errors },
    },
  },
  "/api/forecast/series": {
    get: {
      tags,
      summary: "Monthly MRR, ARR or bookings forecast with a prediction interval",
      parameters: [
        q("metric", "KPI", { enum: SERIES_METRICS, default: "mrr" }),
        q("horizon", "Months ahead (1–36)", { type: "integer", default: 12 }),
        q("level", "Interval coverage, percent", { type: "number", default: 80 }),
      ],
      responses: { "200": ok("History and forecast"), ...errors },
    },
  },
  "/api/forecast/arr": {
    get: {
      tags,
      summary:
        "ARR bridge: contracted ARR − expected churn at renewals (learnt renewal rates, risk signals) + expected new and expansion ARR from the open pipeline, per month",
      parameters: [q("horizon", "Months, from the current one (1–36)", { type: "integer", default: 12 })],
      responses: {
        "200": ok("The bridge per month and the riskiest renewals", {
          type: "object",
          properties: {
            currency: { type: "string" },
            as_of: { type: "string", format: "date" },
            contracted: money,
            months: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  period: { type: "string" },
                  contracted: money,
                  expected_churn: money,
                  expected_new: money,
                  expected_expansion: money,
                  forecast: { ...money, description: "contracted − churn so far + new and expansion so far" },
                  renewals_due: {
                    type: "object",
                    properties: { count: { type: "integer" }, arr: money },
                  },
                },
              },
            },
            riskiest_renewals: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  subscription_id: { type: "string" },
                  account_id: { type: "string" },
                  account: { type: "string" },
                  arr: money,
                  renewal_date: { type: "string", format: "date" },
                  probability: { type: "number" },
                  expected_loss: money,
                  reasons: { type: "array", items: { type: "string" } },
                },
              },
            },
          },
        }),
        ...errors,
      },
    },
  },
  "/api/forecast/snapshots": {
    post: {
      tags,
      summary: "Snapshot this and next quarter's bookings forecast now (every method, and the headline)",
      responses: { "201": ok("Snapshots taken"), ...errors },
    },
  },
  "/api/forecast/accuracy": {
    get: {
      tags,
      summary:
        "Snapshotted forecasts against actual bookings per complete quarter and method, for the company or per team or owner; MAPE, bias, accuracy",
      parameters: [
        quarters(40, 8),
        q(
          "by",
          "company: every method's snapshots (`methods`); team or owner: each group's headline forecast and call against the bookings that group won (`groups`)",
          { enum: FORECAST_BY, default: "company" },
        ),
      ],
      responses: {
        "200": ok("Forecast against actual", {
          type: "object",
          properties: {
            by: { enum: FORECAST_BY },
            currency: { type: "string" },
            lock_days: {
              type: "integer",
              description:
                "The snapshot scored is the latest taken no later than this many days into the quarter",
            },
            methods: {
              type: "object",
              description:
                "by=company: per method (headline, weighted, stage_conversion, model, series, call)",
              additionalProperties: { type: "object", properties: { score } },
            },
            groups: {
              type: "array",
              description:
                "by=team or owner: one entry per team or owner with a snapshot or bookings in the range",
              items: {
                type: "object",
                properties: {
                  group: {
                    type: ["string", "null"],
                    description: "Team or user id; null: no team / no owner",
                  },
                  label: { type: "string" },
                  methods: {
                    type: "object",
                    properties: {
                      headline: { type: "object", properties: { score } },
                      call: { type: "object", properties: { score } },
                    },
                  },
                },
              },
            },
          },
        }),
        ...errors,
      },
    },
  },
  "/api/forecast/calls": {
    post: {
      tags,
      summary:
        "Submit a forecast call for a quarter (planners for any scope; others for themselves as owner)",
      requestBody: {
        required: true,
        content: json({
          type: "object",
          required: ["period", "amount"],
          properties: {
            period: { type: "string", description: "2026Q4" },
            scope: { enum: FORECAST_BY, default: "company" },
            scope_id: { type: "string", description: "Team or user id (not for company)" },
            amount: money,
            note: { type: "string" },
          },
        }),
      },
      responses: { "201": ok("The call"), ...errors },
    },
  },
  "/api/forecast/backtest": {
    get: {
      tags,
      summary:
        "Each method's forecast made at the start of past quarters from data known then, against actuals",
      parameters: [quarters(12, 4)],
      responses: {
        "200": ok("Per quarter and per method", {
          type: "object",
          properties: {
            methods: { type: "object", additionalProperties: score },
            quarters: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  period: { type: "string" },
                  cutoff: { type: "string", format: "date-time" },
                  actual: money,
                  forecasts: { type: "object", additionalProperties: { type: ["number", "null"] } },
                  note: {
                    type: ["string", "null"],
                    description:
                      "Why the quarter was not forecast (a currency had no exchange rate dated on or before its first day)",
                  },
                },
              },
            },
          },
        }),
        ...errors,
      },
    },
  },
};
