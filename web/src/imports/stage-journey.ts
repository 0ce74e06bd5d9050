/** When a record reached its lifecycle stages, per the imported file (see docs/imports.md#lifecycle-history). */
export interface StageDates {
  stages: Record<string, string>;
  created?: string;
}

/**
 * The lifecycle journey a preview row will get, in date order: "lead 2025-03-05 → mql 2025-03-20";
 * with only a creation date, "created 2025-05-21". Days are UTC, as the dates are stored.
 */
export function stageJourney(dates: StageDates | undefined): string | null {
  if (!dates) return null;
  const day = (iso: string) => iso.slice(0, 10);
  const steps = Object.entries(dates.stages).sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (steps.length > 0) return steps.map(([stage, at]) => `${stage} ${day(at)}`).join(" → ");
  return dates.created ? `created ${day(dates.created)}` : null;
}
