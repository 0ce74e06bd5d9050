import type { SourceRow } from "../ingest.types.ts";
import { definePreset } from "./define-preset.ts";
import {
  STRIPE_INTERVALS,
  STRIPE_INVOICE_STATUS,
  STRIPE_PAYMENT_STATUS,
  STRIPE_REFUND_STATUS,
  STRIPE_SUBSCRIPTION_STATUS,
} from "./value-maps.ts";
import * as v from "./values.ts";

// Stripe dashboard exports: amounts in major units, currencies in lower case, times in UTC.
const CUSTOMER = ["Customer ID", "Customer", "customer"];
const status = (mapping: Record<string, string>, what: string) => (x: unknown) => v.oneOf(x, mapping, what);

/** A Stripe customer is an account; its email also makes a billing contact of that account. */
export const stripeCustomers = definePreset({
  name: "stripe-customers",
  label: "Stripe customers export",
  source: "stripe",
  records: [
    {
      object: "accounts",
      key: "id",
      fields: [
        {
          column: "Name",
          field: "name",
          parse: (x, row) => v.text(x) ?? v.text(row.Description) ?? v.text(row.Email) ?? v.text(row.id),
          note: "else Description, else Email, else the customer id",
        },
        { column: ["Address Country", "Country"], field: "country" },
        { column: "Currency", field: "currency" },
        {
          column: "Email",
          field: "domain",
          parse: (x) => v.text(x)?.toLowerCase().split("@")[1],
          note: "domain of the email",
        },
      ],
      derive(_row, fields) {
        fields.lifecycle_stage = "customer";
      },
    },
    {
      object: "contacts",
      key: (row) => (v.text(row.Email) ? v.text(row.id) : undefined),
      optional: true,
      fields: [
        { column: "Email", field: "email" },
        { column: "Phone", field: "phone" },
      ],
      refs: [{ column: "id", field: "account_id", object: "accounts", note: "the customer's account" }],
      derive(_row, fields) {
        fields.lifecycle_stage = "customer";
        fields.title = "Billing contact";
      },
    },
  ],
});

function subscriptionItems(row: SourceRow, fields: Record<string, unknown>): void {
  // A Stripe webhook event gives every item, in minor units (webhooks/stripe-events.ts).
  if (Array.isArray(row.Items)) {
    fields.items = row.Items;
    return;
  }
  const quantity = v.integer(row.Quantity) ?? 1;
  const unit = v.minorUnits(row.Amount, fields.currency as string | undefined) ?? 0;
  const description = v.text(row.Plan) ?? v.text(row.Product);
  fields.items = [{ quantity, unit_amount_minor: unit, ...(description ? { description } : {}) }];
}

export const stripeSubscriptions = definePreset({
  name: "stripe-subscriptions",
  label: "Stripe subscriptions export",
  source: "stripe",
  records: [
    {
      object: "subscriptions",
      key: "id",
      fields: [
        {
          column: "Status",
          field: "status",
          parse: status(STRIPE_SUBSCRIPTION_STATUS, "subscription status"),
        },
        { column: "Currency", field: "currency" },
        {
          column: "Interval",
          field: "billing_interval",
          parse: (x) => v.oneOf(x, STRIPE_INTERVALS, "billing interval (week, month, quarter, year)"),
        },
        { column: ["Start (UTC)", "Start Date (UTC)", "Created (UTC)"], field: "started_at" },
        { column: "Trial Start (UTC)", field: "trial_start" },
        { column: "Trial End (UTC)", field: "trial_end" },
        { column: "Canceled At (UTC)", field: "canceled_at" },
        { column: "Ended At (UTC)", field: "ended_at" },
        {
          column: "Cancel At Period End",
          field: "cancel_at",
          parse: (x, row) => (v.boolean(x) ? v.timestamp(row["Current Period End (UTC)"]) : undefined),
          note: "Current Period End (UTC) when true",
        },
      ],
      refs: [
        {
          column: CUSTOMER,
          field: "account_id",
          object: "accounts",
          note: "the customer's account (required)",
        },
      ],
      derive: subscriptionItems,
    },
  ],
  notes: [
    {
      column: "Plan / Product, Quantity, Amount",
      field: "subscriptions.items",
      note: "one item: quantity × unit amount (major → minor units); MRR is computed",
    },
  ],
});

export const stripeInvoices = definePreset({
  name: "stripe-invoices",
  label: "Stripe invoices export",
  source: "stripe",
  records: [
    {
      object: "invoices",
      key: "id",
      fields: [
        { column: "Number", field: "number" },
        { column: "Status", field: "status", parse: status(STRIPE_INVOICE_STATUS, "invoice status") },
        { column: "Currency", field: "currency" },
        { column: ["Date (UTC)", "Created (UTC)"], field: "issued_at" },
        { column: "Due Date (UTC)", field: "due_at" },
        { column: "Paid At (UTC)", field: "paid_at" },
        { column: "Subtotal", field: "subtotal_minor", note: "major units → minor units" },
        { column: "Tax", field: "tax_minor", note: "major units → minor units" },
        { column: "Total", field: "total_minor", note: "major units → minor units" },
        { column: "Amount Paid", field: "amount_paid_minor", note: "major units → minor units" },
      ],
      refs: [
        {
          column: CUSTOMER,
          field: "account_id",
          object: "accounts",
          note: "the customer's account (required)",
        },
        { column: ["Subscription", "Subscription ID"], field: "subscription_id", object: "subscriptions" },
      ],
    },
  ],
});

export const stripePayments = definePreset({
  name: "stripe-payments",
  label: "Stripe payments (charges) export",
  source: "stripe",
  records: [
    {
      object: "payments",
      key: "id",
      fields: [
        {
          column: "Status",
          field: "status",
          parse: status(STRIPE_PAYMENT_STATUS, "payment status"),
          note: "Paid / Refunded / Partially Refunded → succeeded, Failed → failed, Pending",
        },
        { column: "Currency", field: "currency" },
        { column: "Amount", field: "amount_minor", note: "major units → minor units" },
        { column: "Created (UTC)", field: "attempted_at" },
        {
          column: ["Payment Method Type", "Card Brand"],
          field: "method",
          parse: (x, row) =>
            (v.text(row["Payment Method Type"]) ?? (v.text(x) ? "card" : undefined))?.toLowerCase(),
        },
        {
          column: "Seller Message",
          field: "failure_reason",
          parse: (x, row) => (/fail/i.test(String(row.Status ?? "")) ? v.text(x) : undefined),
          note: "only for failed payments",
        },
      ],
      refs: [
        {
          column: CUSTOMER,
          field: "account_id",
          object: "accounts",
          note: "the customer's account (required)",
        },
        { column: ["Invoice ID", "Invoice"], field: "invoice_id", object: "invoices" },
      ],
    },
  ],
});

export const stripeRefunds = definePreset({
  name: "stripe-refunds",
  label: "Stripe refunds export",
  source: "stripe",
  records: [
    {
      object: "refunds",
      key: "id",
      fields: [
        { column: "Currency", field: "currency" },
        { column: "Amount", field: "amount_minor", note: "major units → minor units" },
        { column: "Status", field: "status", parse: status(STRIPE_REFUND_STATUS, "refund status") },
        { column: "Reason", field: "reason" },
        { column: "Created (UTC)", field: "refunded_at" },
      ],
      refs: [
        {
          column: ["Charge ID", "Charge"],
          field: "payment_id",
          object: "payments",
          note: "the refunded payment (required)",
        },
      ],
    },
  ],
});
