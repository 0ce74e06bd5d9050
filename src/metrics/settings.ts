import { z } from "zod";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { SUBSCRIPTION_STATUSES } from "../model/objects/enums.ts";

/**
 * The conventions where SaaS-metrics vendors differ, as documented workspace settings
 * (`workspaces.settings.metrics`). Every default is cited in docs/metrics.md.
 */
export const metricSettingsSchema = z
  .object({
    /** Subscription statuses whose MRR counts (ChartMogul: active and past due count until cancelled). */
    mrr_statuses: z.array(z.enum(SUBSCRIPTION_STATUSES)).min(1),
    /** A past-due subscription stops counting (churns) after this many days; null = never (ChartMogul default). */
    past_due_churn_days: z.number().int().min(1).max(365).nullable(),
    /** A customer returning more than this many months after churning counts as new, not reactivation; null = always reactivation. */
    reactivation_window_months: z.number().int().min(1).max(120).nullable(),
    /** `start`: churned ÷ customers at the start of the period (ChartMogul standard, B2B); `average`: ÷ the average of start and end (a B2C simplification). */
    churn_denominator: z.enum(["start", "average"]),
    /** Gross margin used by LTV and CAC payback, as a fraction. */
    gross_margin: z.number().gt(0).max(1),
    /** Cost categories counted as marketing spend. */
    marketing_cost_categories: z.array(z.string().min(1)).min(1),
    /** Cost categories counted in CAC (sales and marketing). */
    cac_cost_categories: z.array(z.string().min(1)).min(1),
    /** Opportunity stages that are not yet qualified pipeline (pipeline velocity). */
    unqualified_stages: z.array(z.string().min(1)),
    /** Opportunity stages in funnel order, for bottlenecks; other stages follow in the order deals reach them. */
    opportunity_stages: z.array(z.string().min(1)),
    /** Lifecycle subject measured by lead conversion and the funnel. */
    lifecycle_subject: z.enum(["contact", "account"]),
    /** Open deals stall when in their stage longer than this many times the median time in that stage. */
    stalled_factor: z.number().gt(0).max(100),
    /** Days before a conversion that touchpoints are credited (attribution lookback window). */
    attribution_lookback_days: z.number().int().min(1).max(3650),
    /** Half-life of the time-decay attribution model, in days (HubSpot uses 7). */
    time_decay_half_life_days: z.number().gt(0).max(365),
    /** Currency used to cross-convert when no direct rate exists (EUR→GBP via USD). */
    fx_pivot_currency: z.string().length(3),
    /** Forecast accuracy scores the latest snapshot taken at most this many days after the period starts. */
    forecast_lock_days: z.number().int().min(0).max(366),
    /** Revenue predictability: how many periods back, and how close (fraction) the forecast must land. */
    predictability_periods: z.number().int().min(1).max(24),
    predictability_tolerance: z.number().gt(0).max(1),
    /** First day of a week for the week grain. */
    week_starts_on: z.enum(["monday", "sunday"]),
  })
  .strict();

export type MetricSettings = z.infer<typeof metricSettingsSchema>;

export const DEFAULT_METRIC_SETTINGS: MetricSettings = {
  mrr_statuses: ["active", "past_due"],
  past_due_churn_days: null,
  reactivation_window_months: null,
  churn_denominator: "start",
  gross_margin: 0.8,
  marketing_cost_categories: ["campaign", "marketing_salaries", "marketing_tools"],
  cac_cost_categories: [
    "campaign",
    "marketing_salaries",
    "marketing_tools",
    "sales_salaries",
    "sales_tools",
    "sales_commissions",
    "partner_fees",
  ],
  unqualified_stages: ["prospecting"],
  opportunity_stages: ["prospecting", "qualification", "discovery", "proposal", "negotiation"],
  lifecycle_subject: "contact",
  stalled_factor: 2,
  attribution_lookback_days: 365,
  time_decay_half_life_days: 7,
  fx_pivot_currency: "USD",
  forecast_lock_days: 0,
  predictability_periods: 4,
  predictability_tolerance: 0.1,
  week_starts_on: "monday",
};

/** What every metric computation of one workspace needs to know about it. */
export interface MetricWorkspace {
  id: string;
  timezone: string;
  currency: string;
  settings: MetricSettings;
}

/** Stored settings over the defaults; a bad stored value names the setting. */
export function resolveSettings(stored: unknown): MetricSettings {
  const merged = { ...DEFAULT_METRIC_SETTINGS, ...((stored ?? {}) as object) };
  const parsed = metricSettingsSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = `settings.metrics.${issue.path.join(".")}`;
    throw new AppError("validation_failed", `${field}: ${issue.message}`, { field });
  }
  return parsed.data;
}

export async function loadMetricWorkspace(db: Db, workspaceId: string): Promise<MetricWorkspace> {
  const row = await db
    .selectFrom("workspaces")
    .select(["id", "timezone", "reporting_currency", "settings"])
    .where("id", "=", workspaceId)
    .executeTakeFirst();
  if (!row) throw new AppError("not_found", `No workspace ${workspaceId}`);
  return {
    id: row.id,
    timezone: row.timezone,
    currency: row.reporting_currency,
    settings: resolveSettings((row.settings as Record<string, unknown> | null)?.metrics),
  };
}

/** Changes some settings (validated as a whole); returns the resolved settings. */
export async function updateMetricSettings(
  db: Db,
  workspaceId: string,
  patch: unknown,
): Promise<MetricSettings> {
  if (!patch || typeof patch !== "object" || Array.isArray(patch)) {
    throw new AppError("validation_failed", "body: must be an object of settings", { field: "body" });
  }
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom("workspaces")
      .select(["settings"])
      .where("id", "=", workspaceId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const current = ((row.settings as Record<string, unknown> | null) ?? {}) as Record<string, unknown>;
    const stored = { ...((current.metrics as object) ?? {}), ...(patch as object) };
    const resolved = resolveSettings(stored);
    await tx
      .updateTable("workspaces")
      .set({ settings: JSON.stringify({ ...current, metrics: stored }), updated_at: new Date() })
      .where("id", "=", workspaceId)
      .execute();
    return resolved;
  });
}
