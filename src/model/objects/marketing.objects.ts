import type { ObjectDef } from "../object-def.ts";
import { CHANNELS, COST_CATEGORIES, TOUCHPOINT_KINDS } from "./enums.ts";

export const campaigns: ObjectDef = {
  key: "campaigns",
  singular: "campaign",
  label: "Campaigns",
  idPrefix: "cmp",
  area: "marketing",
  titleField: "name",
  searchFields: ["name"],
  fields: {
    name: { kind: "text", required: true, max: 300 },
    channel: { kind: "enum", values: CHANNELS, required: true },
    status: { kind: "enum", values: ["planned", "active", "completed", "paused"] },
    start_date: { kind: "date" },
    end_date: { kind: "date" },
    budget_minor: { kind: "money" },
    spend_minor: { kind: "money" },
    currency: { kind: "currency", required: true },
    owner_id: { kind: "ref", ref: "users" },
    partner_id: { kind: "ref", ref: "partners" },
    custom: { kind: "json" },
  },
};

export const touchpoints: ObjectDef = {
  key: "touchpoints",
  singular: "touchpoint",
  label: "Touchpoints",
  idPrefix: "tch",
  area: "marketing",
  titleField: "kind",
  defaultSort: "-occurred_at",
  fields: {
    kind: { kind: "enum", values: TOUCHPOINT_KINDS, required: true },
    occurred_at: { kind: "timestamp", required: true },
    contact_id: { kind: "ref", ref: "contacts" },
    account_id: { kind: "ref", ref: "accounts" },
    campaign_id: { kind: "ref", ref: "campaigns" },
    url: { kind: "url" },
    utm_source: { kind: "text", max: 200 },
    utm_medium: { kind: "text", max: 200 },
    utm_campaign: { kind: "text", max: 200 },
    custom: { kind: "json" },
  },
};

/** Sales and marketing costs beyond campaign spend, for CAC. */
export const costs: ObjectDef = {
  key: "costs",
  singular: "cost",
  label: "Costs",
  idPrefix: "cst",
  area: "marketing",
  titleField: "category",
  defaultSort: "-incurred_on",
  fields: {
    category: { kind: "enum", values: COST_CATEGORIES, required: true },
    campaign_id: { kind: "ref", ref: "campaigns" },
    description: { kind: "text", max: 500 },
    incurred_on: { kind: "date", required: true },
    amount_minor: { kind: "money", required: true },
    currency: { kind: "currency", required: true },
    custom: { kind: "json" },
  },
};
