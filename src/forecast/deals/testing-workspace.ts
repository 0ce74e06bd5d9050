import { DEFAULT_METRIC_SETTINGS } from "../../metrics/settings.ts";
import { dayFormatter, type ForecastWorkspace } from "./load-deals.ts";
import { SYNTHETIC_STAGES } from "./synthetic-deals.ts";

/** A UTC workspace reporting in USD with no exchange rates, for pure tests and benches. */
export function plainWorkspace(stageOrder: string[] = SYNTHETIC_STAGES): ForecastWorkspace {
  return {
    ws: {
      id: "ws_test",
      timezone: "UTC",
      currency: "USD",
      settings: { ...DEFAULT_METRIC_SETTINGS, opportunity_stages: stageOrder },
    },
    dayOf: dayFormatter("UTC"),
    convert: (amount) => amount,
    stageOrder,
  };
}
