import { AppError } from "../errors/app-error.ts";
import { DAY, startOfDay } from "./time.ts";

export interface DemoOptions {
  /** Number of customer and prospect accounts; default 300. */
  accounts?: number;
  /** Same seed and same `now` give the same company; default 42. */
  seed?: number;
  /** The story ends here; default today at 00:00 UTC. Data spans the 3 years before it. */
  now?: Date;
}

export const SEGMENTS = ["smb", "mid_market", "enterprise"] as const;
export type Segment = (typeof SEGMENTS)[number];
export const REGIONS = ["NA", "EMEA", "APAC", "LATAM"] as const;
export type Region = (typeof REGIONS)[number];

/** The resolved options: the window of the story in epoch milliseconds. */
export interface DemoPlan {
  accounts: number;
  seed: number;
  start: number;
  now: number;
}

export const MAX_ACCOUNTS = 1_000_000;

export function demoPlan(options: DemoOptions = {}): DemoPlan {
  const accounts = options.accounts ?? 300;
  if (!Number.isInteger(accounts) || accounts < 1 || accounts > MAX_ACCOUNTS) {
    throw new AppError("validation_failed", `accounts: must be a whole number from 1 to ${MAX_ACCOUNTS}`, {
      field: "accounts",
    });
  }
  const seed = options.seed ?? 42;
  if (!Number.isInteger(seed)) {
    throw new AppError("validation_failed", "seed: must be a whole number", { field: "seed" });
  }
  const nowMs = options.now ? options.now.getTime() : startOfDay(Date.now());
  if (Number.isNaN(nowMs))
    throw new AppError("validation_failed", "now: must be a valid date", { field: "now" });
  const end = new Date(nowMs);
  const start = Date.UTC(end.getUTCFullYear() - 3, end.getUTCMonth(), end.getUTCDate());
  return { accounts, seed, start: startOfDay(start), now: nowMs };
}

/** Where `ms` falls in the story, 0 at the start and 1 at now. */
export const progress = (plan: DemoPlan, ms: number): number => (ms - plan.start) / (plan.now - plan.start);

/** Growth: the company gains three times as many new accounts a month at the end as at the start. */
const GROWTH = 2;

/** A creation moment for a new account, denser towards `now` (inverse of the growth CDF). */
export function accountBirth(plan: DemoPlan, u: number): number {
  const x = (-1 + Math.sqrt(1 + 2 * GROWTH * u * (1 + GROWTH / 2))) / GROWTH;
  return plan.start + Math.min(x, 1) * (plan.now - plan.start - DAY);
}

/** Relative activity of the business at `ms` (1 = average over the story). */
export function activityLevel(plan: DemoPlan, ms: number): number {
  return (1 + GROWTH * progress(plan, ms)) / (1 + GROWTH / 2);
}
