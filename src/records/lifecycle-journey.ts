import { LIFECYCLE_STAGES } from "../model/lifecycle.ts";

/**
 * When a contact or account reached its lifecycle stages, as its source system recorded it
 * (HubSpot's "Became a Lead Date", Salesforce's lead CreatedDate / ConvertedDate): ISO times
 * by stage, and when the record was created there.
 */
export interface StageDates {
  stages: Partial<Record<string, string>>;
  created?: string;
}

export interface LifecycleStep {
  from: string | null;
  to: string;
  at: string | Date;
}

/** Objects with a lifecycle, and their subject type in lifecycle_transitions. */
export const LIFECYCLE_SUBJECTS: Readonly<Record<string, "contact" | "account">> = {
  contacts: "contact",
  accounts: "account",
};

const rank = (stage: string) => LIFECYCLE_STAGES.indexOf(stage as (typeof LIFECYCLE_STAGES)[number]);

/**
 * The lifecycle transitions a write from stage `from` (null: a new record) to stage `to` adds.
 * Without dates from the source, one step at `fallback` (the record's creation, or now). With
 * them, a new record replays its journey: one step per dated stage in date order (same date:
 * funnel order), then a last step into `to` at `fallback` if the dated journey ends elsewhere;
 * an existing record's move into a dated stage takes that stage's date. So funnel metrics
 * (leads and MQLs by month, conversion times) count imported history when it happened, not when
 * it was imported. No step is later than `fallback` (the write's own time): a date in the future
 * — a typo, or an export's local wall-clock time read as UTC — counts as "by now".
 */
export function lifecycleSteps(
  from: string | null,
  to: string,
  dates: StageDates | undefined,
  fallback: string | Date,
): LifecycleStep[] {
  const limit = new Date(fallback).toISOString();
  const notAfter = (at: string) => (at > limit ? limit : at);
  const own = dates?.stages[to];
  if (from !== null) return [{ from, to, at: own ? notAfter(own) : fallback }];
  const dated = Object.entries(dates?.stages ?? {})
    .filter((entry): entry is [string, string] => typeof entry[1] === "string")
    .map(([stage, at]): [string, string] => [stage, notAfter(at)])
    .sort(([a, at], [b, bt]) => (at < bt ? -1 : at > bt ? 1 : rank(a) - rank(b)));
  if (dated.length === 0)
    return [{ from: null, to, at: dates?.created ? notAfter(dates.created) : fallback }];
  const steps: LifecycleStep[] = [];
  let previous: string | null = null;
  for (const [stage, at] of dated) {
    steps.push({ from: previous, to: stage, at });
    previous = stage;
  }
  if (previous !== to) steps.push({ from: previous, to, at: fallback });
  return steps;
}
