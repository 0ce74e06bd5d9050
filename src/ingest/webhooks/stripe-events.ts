import { isCurrency, minorDigits } from "../../model/money.ts";
import type { SourceRow } from "../ingest.types.ts";

/**
 * Stripe's own webhook events (`{"object": "event", "type": "invoice.paid", "data": {"object":
 * {…}}}`), so a Stripe endpoint can point at `/api/webhooks/stripe` directly. Each API object
 * becomes a row of the matching Stripe preset — the dashboard export's columns, amounts in major
 * units — and goes through that preset like an imported row: one mapping for files and events.
 */
export interface StripeEvent {
  id: string;
  object: "event";
  type: string;
  data: { object: Record<string, any> };
}

export const isStripeEvent = (body: unknown): body is StripeEvent => {
  const b = body as Partial<StripeEvent> | null;
  return (
    typeof b === "object" &&
    b !== null &&
    b.object === "event" &&
    typeof b.id === "string" &&
    typeof b.type === "string" &&
    typeof b.data?.object === "object" &&
    b.data.object !== null
  );
};

/** What a Stripe event is for Revline: a preset row to write or delete, or nothing (with why). */
export type StripeTranslation =
  | { preset: string; row: SourceRow; action: "upsert" | "delete" }
  | { ignored: string };

/** Minor units (Stripe's API) → the export's major-unit text, exactly: 21691 USD → "216.91". */
function major(amount: unknown, currency: unknown): string | undefined {
  if (typeof amount !== "number" || !Number.isInteger(amount)) return undefined;
  const code = String(currency ?? "usd").toUpperCase();
  const digits = isCurrency(code) ? minorDigits(code) : 2;
  const sign = amount < 0 ? "-" : "";
  const text = String(Math.abs(amount)).padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Unix seconds as the 10-digit text the presets' timestamp parser reads; null/absent stays absent. */
const time = (seconds: unknown): string | undefined =>
  typeof seconds === "number" && Number.isFinite(seconds) ? String(Math.trunc(seconds)) : undefined;

/** An id, or the id of an expanded object. */
const idOf = (value: unknown): string | undefined =>
  typeof value === "string"
    ? value
    : typeof (value as { id?: unknown })?.id === "string"
      ? (value as { id: string }).id
      : undefined;

/** Stripe's interval and interval_count as the billing interval Revline knows (3 months: a quarter). */
function interval(recurring: { interval?: string; interval_count?: number } | undefined): string | undefined {
  if (!recurring?.interval) return undefined;
  const count = recurring.interval_count ?? 1;
  if (recurring.interval === "month" && count === 3) return "quarter";
  if (recurring.interval === "month" && count === 12) return "year";
  return count === 1 ? recurring.interval : `${count} ${recurring.interval}s`;
}

/** Leaves out absent values, so a row holds what the event says and nothing else. */
function row(values: Record<string, unknown>): SourceRow {
  const out: SourceRow = {};
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== null) out[key] = value;
  return out;
}

function customerRow(c: Record<string, any>): SourceRow {
  return row({
    id: c.id,
    Name: c.name,
    Email: c.email,
    Phone: c.phone,
    Description: c.description,
    Currency: c.currency,
    "Created (UTC)": time(c.created),
    "Address Country": c.address?.country,
  });
}

function subscriptionRow(s: Record<string, any>): SourceRow {
  const items: Array<Record<string, any>> = s.items?.data ?? [];
  const first = items[0];
  const price = first?.price ?? first?.plan ?? s.plan;
  const currency = s.currency ?? price?.currency;
  return row({
    id: s.id,
    "Customer ID": idOf(s.customer),
    Status: s.status,
    Currency: currency,
    Interval: interval(price?.recurring ?? (price?.interval ? price : undefined)),
    "Start (UTC)": time(s.start_date ?? s.created),
    "Trial Start (UTC)": time(s.trial_start),
    "Trial End (UTC)": time(s.trial_end),
    "Canceled At (UTC)": time(s.canceled_at),
    "Ended At (UTC)": time(s.ended_at),
    "Cancel At Period End": s.cancel_at_period_end === true ? "true" : undefined,
    "Current Period End (UTC)": time(s.current_period_end ?? first?.current_period_end),
    // Every item, in minor units already (the export has one item per row).
    Items: items.map((item) => {
      const p = item.price ?? item.plan;
      const description = p?.nickname ?? (typeof p?.product === "string" ? undefined : p?.product?.name);
      return {
        quantity: item.quantity ?? 1,
        unit_amount_minor: p?.unit_amount ?? p?.amount ?? 0,
        ...(description ? { description } : {}),
      };
    }),
  });
}

function invoiceRow(i: Record<string, any>): SourceRow {
  const taxes: Array<{ amount?: number }> | undefined = i.total_taxes ?? i.total_tax_amounts;
  const tax = typeof i.tax === "number" ? i.tax : taxes?.reduce((sum, t) => sum + (t.amount ?? 0), 0);
  return row({
    id: i.id,
    Number: i.number,
    Customer: idOf(i.customer),
    Subscription: idOf(i.subscription) ?? idOf(i.parent?.subscription_details?.subscription),
    Status: i.status,
    Currency: i.currency,
    "Date (UTC)": time(i.created),
    "Due Date (UTC)": time(i.due_date),
    "Period Start (UTC)": time(i.period_start),
    "Period End (UTC)": time(i.period_end),
    Subtotal: major(i.subtotal, i.currency),
    Tax: major(tax, i.currency),
    Total: major(i.total, i.currency),
    "Amount Due": major(i.amount_due, i.currency),
    "Amount Paid": major(i.amount_paid, i.currency),
    "Paid At (UTC)": time(i.status_transitions?.paid_at),
  });
}

function chargeRow(c: Record<string, any>): SourceRow {
  return row({
    id: c.id,
    Status: c.status,
    Currency: c.currency,
    Amount: major(c.amount, c.currency),
    "Created (UTC)": time(c.created),
    "Payment Method Type": c.payment_method_details?.type,
    "Seller Message": c.outcome?.seller_message ?? c.failure_message,
    "Customer ID": idOf(c.customer),
    "Invoice ID": idOf(c.invoice),
  });
}

function refundRow(r: Record<string, any>): SourceRow {
  return row({
    id: r.id,
    Currency: r.currency,
    Amount: major(r.amount, r.currency),
    Status: r.status,
    Reason: r.reason,
    "Created (UTC)": time(r.created),
    "Charge ID": idOf(r.charge),
  });
}

/**
 * The preset row a Stripe event carries. `customer.subscription.deleted` is a cancellation (the
 * subscription stays, status canceled), not a deletion; `customer.deleted` deletes the account.
 */
export function translateStripeEvent(event: StripeEvent): StripeTranslation {
  const object = event.data.object;
  const [kind] = event.type.split(".");
  if (event.type === "customer.deleted")
    return { preset: "stripe-customers", row: row({ id: object.id }), action: "delete" };
  if (object.object === "customer")
    return { preset: "stripe-customers", row: customerRow(object), action: "upsert" };
  if (object.object === "subscription")
    return { preset: "stripe-subscriptions", row: subscriptionRow(object), action: "upsert" };
  if (object.object === "invoice")
    return { preset: "stripe-invoices", row: invoiceRow(object), action: "upsert" };
  if (object.object === "charge")
    return { preset: "stripe-payments", row: chargeRow(object), action: "upsert" };
  if (object.object === "refund")
    return { preset: "stripe-refunds", row: refundRow(object), action: "upsert" };
  return {
    ignored: `${event.type}: Revline reads Stripe's customer, subscription, invoice, charge and refund events (${kind} is not one)`,
  };
}
