import { AppError } from "../../errors/app-error.ts";
import type { Preset } from "../ingest.types.ts";
import { genericPreset } from "./generic.preset.ts";
import { hubspotCompanies, hubspotContacts, hubspotDeals } from "./hubspot.presets.ts";
import {
  salesforceAccounts,
  salesforceContacts,
  salesforceLeads,
  salesforceOpportunities,
  salesforceOpportunityHistory,
} from "./salesforce.presets.ts";
import {
  stripeCustomers,
  stripeInvoices,
  stripePayments,
  stripeRefunds,
  stripeSubscriptions,
} from "./stripe.presets.ts";
import { zendeskTickets } from "./zendesk.presets.ts";

/** Every preset for a tool's own export format, by name. */
export const PRESETS: readonly Preset[] = [
  hubspotContacts,
  hubspotCompanies,
  hubspotDeals,
  salesforceAccounts,
  salesforceContacts,
  salesforceLeads,
  salesforceOpportunities,
  salesforceOpportunityHistory,
  stripeCustomers,
  stripeSubscriptions,
  stripeInvoices,
  stripePayments,
  stripeRefunds,
  zendeskTickets,
];

export const PRESET_NAMES = [...PRESETS.map((p) => p.name), "generic"];

/**
 * The preset called `name`; `generic` is built from its column mapping (or, without one, from
 * `object`: columns named as the object's fields, as `revline export` writes them).
 */
export function presetByName(
  name: string,
  options: { mapping?: unknown; object?: string; source?: string } = {},
): Preset {
  if (name === "generic") {
    const mapping = (options.mapping ?? {}) as Record<string, unknown>;
    const object = mapping.object ?? options.object;
    if (!object)
      throw new AppError(
        "validation_failed",
        "object: the generic preset needs an object or a mapping file naming one",
        {
          field: "object",
        },
      );
    return genericPreset({ ...mapping, object, ...(options.source ? { source: options.source } : {}) });
  }
  const preset = PRESETS.find((p) => p.name === name);
  if (!preset)
    throw new AppError(
      "validation_failed",
      `preset: unknown preset "${name}"; one of ${PRESET_NAMES.join(", ")}`,
      {
        field: "preset",
      },
    );
  return preset;
}
