import { date } from "../grid/cell-display.ts";
import { enumLabel } from "../meta.types.ts";
import type { AccountSummary } from "./account-360.types.ts";

const STAGES = ["subscriber", "lead", "mql", "sql", "opportunity", "customer", "evangelist"];

/**
 * The customer journey across the top of the page: each lifecycle stage, when the account
 * first reached it, and where it is now (churned shows at the end, in red).
 */
export function LifecycleJourney({ summary }: { summary: AccountSummary }) {
  const reached = new Map<string, string>();
  for (const step of summary.journey) if (!reached.has(step.stage)) reached.set(step.stage, step.at);
  const current = summary.lifecycle_stage ?? "lead";
  const currentIndex = STAGES.indexOf(current);
  const stages = current === "churned" || reached.has("churned") ? [...STAGES, "churned"] : STAGES;
  return (
    <ol className="journey" aria-label="Lifecycle journey">
      {stages.map((stage, i) => {
        const at = reached.get(stage);
        const passed = at !== undefined || (currentIndex >= 0 && i <= currentIndex);
        const state = stage === current ? "current" : passed ? "passed" : "ahead";
        return (
          <li
            key={stage}
            className={`journey-step ${state}${stage === "churned" ? " churned" : ""}`}
            aria-current={stage === current ? "step" : undefined}
          >
            <span className="journey-dot" aria-hidden="true" />
            <span className="journey-label">{enumLabel(stage)}</span>
            <span className="journey-date">{at ? date(at.slice(0, 10)) : passed ? "—" : ""}</span>
          </li>
        );
      })}
    </ol>
  );
}
