import { z } from "zod";
import type { ObjectDef } from "../object-def.ts";
import {
  BILLING_INTERVALS,
  INVOICE_STATUSES,
  PAYMENT_STATUSES,
  REFUND_STATUSES,
  SUBSCRIPTION_STATUSES,
} from "./enums.ts";

/** One priced line of a subscription: what is sold, how many, at what unit price per interval. */
export const subscriptionItemSchema = z
  .object({
    product_id: z.string().min(1).max(100).optional(),
    description: z.string().max(500).optional(),
    quantity: z.number().int().min(0),
    unit_amount_minor: z.number().int(),
  })
  .strict();
export const subscriptionItemsSchema = z.array(subscriptionItemSchema).max(500);
export type SubscriptionItem = z.infer<typeof subscriptionItemSchema>;

export const products: ObjectDef = {
  key: "products",
  singular: "product",
  label: "Products",
  idPrefix: "prd",
  area: "finance",
  titleField: "name",
  searchFields: ["name", "sku"],
  fields: {
    name: { kind: "text", required: true, max: 300 },
    sku: { kind: "text", max: 100 },
    family: { kind: "text", max: 100 },
    is_recurring: { kind: "boolean" },
    active: { kind: "boolean" },
    description: { kind: "text", max: 5000 },
    custom: { kind: "json" },
  },
};

export const priceBookEntries: ObjectDef = {
  key: "price_book_entries",
  singular: "price_book_entry",
  label: "Price book entries",
  idPrefix: "pbe",
  area: "finance",
  titleField: "price_book",
  fields: {
    product_id: { kind: "ref", ref: "products", required: true },
    price_book: { kind: "text", max: 100 },
    currency: { kind: "currency", required: true },
    unit_amount_minor: { kind: "money", required: true },
    billing_interval: { kind: "enum", values: BILLING_INTERVALS },
    valid_from: { kind: "date" },
    valid_to: { kind: "date" },
    active: { kind: "boolean" },
  },
};

export const subscriptions: ObjectDef = {
  key: "subscriptions",
  singular: "subscription",
  label: "Subscriptions",
  idPrefix: "sub",
  area: "finance",
  titleField: "id",
  fields: {
    account_id: { kind: "ref", ref: "accounts", required: true },
    status: { kind: "enum", values: SUBSCRIPTION_STATUSES },
    currency: { kind: "currency", required: true },
    billing_interval: { kind: "enum", values: BILLING_INTERVALS },
    items: { kind: "json", schema: subscriptionItemsSchema, required: true },
    mrr_minor: { kind: "money", readOnly: true, description: "Monthly recurring revenue of the items" },
    started_at: { kind: "timestamp", required: true },
    trial_start: { kind: "timestamp" },
    trial_end: { kind: "timestamp" },
    cancel_at: { kind: "timestamp", description: "Scheduled cancellation" },
    canceled_at: { kind: "timestamp", description: "When cancellation was requested" },
    ended_at: { kind: "timestamp", description: "When the subscription stopped (effective cancellation)" },
    opportunity_id: { kind: "ref", ref: "opportunities" },
    partner_id: { kind: "ref", ref: "partners" },
    custom: { kind: "json" },
  },
};

export const subscriptionVersions: ObjectDef = {
  key: "subscription_versions",
  singular: "subscription_version",
  label: "Subscription versions",
  idPrefix: "sbv",
  area: "finance",
  titleField: "effective_at",
  defaultSort: "-effective_at",
  fields: {
    subscription_id: { kind: "ref", ref: "subscriptions", required: true, immutable: true },
    effective_at: { kind: "timestamp", required: true },
    status: { kind: "enum", values: SUBSCRIPTION_STATUSES, required: true },
    currency: { kind: "currency", required: true },
    billing_interval: { kind: "enum", values: BILLING_INTERVALS, required: true },
    items: { kind: "json", schema: subscriptionItemsSchema, required: true },
    mrr_minor: { kind: "money", readOnly: true },
    change_reason: { kind: "text", max: 200 },
  },
};

export const invoices: ObjectDef = {
  key: "invoices",
  singular: "invoice",
  label: "Invoices",
  idPrefix: "inv",
  area: "finance",
  titleField: "number",
  searchFields: ["number"],
  defaultSort: "-issued_at",
  fields: {
    number: { kind: "text", max: 100 },
    account_id: { kind: "ref", ref: "accounts", required: true },
    subscription_id: { kind: "ref", ref: "subscriptions" },
    status: { kind: "enum", values: INVOICE_STATUSES },
    currency: { kind: "currency", required: true },
    issued_at: { kind: "timestamp", required: true },
    due_at: { kind: "timestamp" },
    paid_at: { kind: "timestamp" },
    subtotal_minor: { kind: "money" },
    tax_minor: { kind: "money" },
    total_minor: { kind: "money" },
    amount_paid_minor: { kind: "money" },
    custom: { kind: "json" },
  },
};

export const invoiceLines: ObjectDef = {
  key: "invoice_lines",
  singular: "invoice_line",
  label: "Invoice lines",
  idPrefix: "inl",
  area: "finance",
  titleField: "description",
  fields: {
    invoice_id: { kind: "ref", ref: "invoices", required: true, immutable: true },
    product_id: { kind: "ref", ref: "products" },
    description: { kind: "text", max: 500 },
    quantity: { kind: "integer" },
    unit_amount_minor: { kind: "money", required: true },
    amount_minor: { kind: "money", readOnly: true, description: "quantity × unit amount" },
    period_start: { kind: "date", description: "Start of the service period billed" },
    period_end: { kind: "date", description: "End of the service period billed" },
  },
};

export const payments: ObjectDef = {
  key: "payments",
  singular: "payment",
  label: "Payments",
  idPrefix: "pay",
  area: "finance",
  titleField: "id",
  defaultSort: "-attempted_at",
  fields: {
    account_id: { kind: "ref", ref: "accounts", required: true },
    invoice_id: { kind: "ref", ref: "invoices" },
    status: { kind: "enum", values: PAYMENT_STATUSES, required: true },
    amount_minor: { kind: "money", required: true },
    currency: { kind: "currency", required: true },
    method: { kind: "text", max: 60 },
    failure_reason: { kind: "text", max: 500 },
    attempted_at: { kind: "timestamp", required: true },
    custom: { kind: "json" },
  },
};

export const refunds: ObjectDef = {
  key: "refunds",
  singular: "refund",
  label: "Refunds",
  idPrefix: "ref",
  area: "finance",
  titleField: "id",
  defaultSort: "-refunded_at",
  fields: {
    payment_id: { kind: "ref", ref: "payments", required: true },
    account_id: { kind: "ref", ref: "accounts" },
    amount_minor: { kind: "money", required: true },
    currency: { kind: "currency", required: true },
    status: { kind: "enum", values: REFUND_STATUSES },
    reason: { kind: "text", max: 500 },
    refunded_at: { kind: "timestamp", required: true },
    custom: { kind: "json" },
  },
};

export const fxRates: ObjectDef = {
  key: "fx_rates",
  singular: "fx_rate",
  label: "FX rates",
  idPrefix: "fxr",
  area: "finance",
  titleField: "rate_date",
  defaultSort: "-rate_date",
  fields: {
    base_currency: { kind: "currency", required: true },
    quote_currency: { kind: "currency", required: true },
    rate: { kind: "number", required: true },
    rate_date: { kind: "date", required: true },
  },
};
