import type { Db } from "../db/types.ts";
import type { CoreName } from "./definition.ts";
import { collectedCore, costsCore } from "./sql/costs.sql.ts";
import { closedDealsCore, createdDealsCore, firstTouchCore, pipelineAsOfCore } from "./sql/deals.sql.ts";
import type { Entity } from "./sql/dimensions.ts";
import { leadsCore } from "./sql/lifecycle.sql.ts";
import { mrrCore } from "./sql/mrr.sql.ts";
import type { CoreRow, Scope } from "./sql/scope.ts";
import { ticketsCore } from "./sql/support.sql.ts";

export interface Core {
  /** The records it counts, which decides the dimensions it can be sliced by. */
  entity: Entity | "lifecycle";
  run(db: Db, scope: Scope): Promise<CoreRow[]>;
  /** Tables and currency columns it converts, to name a currency without a rate. */
  currencies: Array<[table: string, column: string]>;
}

export const CORES: Record<CoreName, Core> = {
  mrr: { entity: "account", run: mrrCore, currencies: [["subscription_versions", "currency"]] },
  closed_deals: { entity: "opportunity", run: closedDealsCore, currencies: [["opportunities", "currency"]] },
  first_touch: { entity: "opportunity", run: firstTouchCore, currencies: [] },
  created_deals: {
    entity: "opportunity",
    run: createdDealsCore,
    currencies: [["opportunities", "currency"]],
  },
  pipeline_start: {
    entity: "opportunity",
    run: (db, scope) => pipelineAsOfCore(db, scope, "start"),
    currencies: [["opportunity_stage_history", "currency"]],
  },
  pipeline_end: {
    entity: "opportunity",
    run: (db, scope) => pipelineAsOfCore(db, scope, "end"),
    currencies: [["opportunity_stage_history", "currency"]],
  },
  costs: { entity: "cost", run: costsCore, currencies: [["costs", "currency"]] },
  collected: {
    entity: "account",
    run: collectedCore,
    currencies: [
      ["payments", "currency"],
      ["refunds", "currency"],
    ],
  },
  leads: { entity: "lifecycle", run: leadsCore, currencies: [] },
  tickets: { entity: "ticket", run: ticketsCore, currencies: [] },
};
