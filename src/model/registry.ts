import { AppError } from "../errors/app-error.ts";
import type { ObjectDef } from "./object-def.ts";
import { accounts, activities, contacts, lifecycleTransitions } from "./objects/crm.objects.ts";
import {
  fxRates,
  invoiceLines,
  invoices,
  payments,
  priceBookEntries,
  products,
  refunds,
  subscriptions,
  subscriptionVersions,
} from "./objects/finance.objects.ts";
import { campaigns, costs, touchpoints } from "./objects/marketing.objects.ts";
import { partners, targets, teams, tickets, users } from "./objects/other.objects.ts";
import { opportunities, opportunityStageHistory } from "./objects/pipeline.objects.ts";

/** Every object of the unified revenue data model, in dependency order (parents first). */
export const OBJECTS: readonly ObjectDef[] = [
  teams,
  users,
  partners,
  accounts,
  campaigns,
  contacts,
  lifecycleTransitions,
  costs,
  touchpoints,
  opportunities,
  opportunityStageHistory,
  activities,
  tickets,
  products,
  priceBookEntries,
  subscriptions,
  subscriptionVersions,
  invoices,
  invoiceLines,
  payments,
  refunds,
  targets,
  fxRates,
];

const byKey = new Map(OBJECTS.map((def) => [def.key, def]));
const byPath = new Map(OBJECTS.map((def) => [def.key.replaceAll("_", "-"), def]));

export function objectDef(key: string): ObjectDef {
  const def = byKey.get(key) ?? byPath.get(key);
  if (!def) throw new AppError("not_found", `Unknown object "${key}"`, { field: "object" });
  return def;
}

export function findObject(key: string): ObjectDef | undefined {
  return byKey.get(key) ?? byPath.get(key);
}

/** Objects holding a reference to `key`: the related lists of a record page. */
export function referencesTo(key: string): Array<{ object: ObjectDef; field: string }> {
  const out: Array<{ object: ObjectDef; field: string }> = [];
  for (const def of OBJECTS) {
    for (const [field, f] of Object.entries(def.fields)) {
      if (f.kind === "ref" && f.ref === key) out.push({ object: def, field });
    }
  }
  return out;
}
