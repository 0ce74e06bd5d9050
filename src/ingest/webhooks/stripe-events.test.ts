import { describe, expect, it } from "vitest";
import { isStripeEvent, translateStripeEvent } from "./stripe-events.ts";

const event = (type: string, object: Record<string, unknown>) => ({
  id: "evt_1",
  object: "event" as const,
  type,
  data: { object },
});

describe("Stripe events as preset rows", () => {
  it("turns minor units into the export's major units exactly, per the currency's digits", () => {
    const row = (currency: string, amount: number) =>
      translateStripeEvent(event("charge.succeeded", { id: "ch_1", object: "charge", currency, amount }));
    expect(row("usd", 21691)).toMatchObject({ preset: "stripe-payments", row: { Amount: "216.91" } });
    expect(row("usd", 5)).toMatchObject({ row: { Amount: "0.05" } });
    expect(row("jpy", 500)).toMatchObject({ row: { Amount: "500" } });
    expect(row("kwd", 1500)).toMatchObject({ row: { Amount: "1.500" } });
    expect(row("usd", -1200)).toMatchObject({ row: { Amount: "-12.00" } });
  });

  it("reads a 3-month price as a quarter, expanded customers as their id, and leaves absent values out", () => {
    const translated = translateStripeEvent(
      event("customer.subscription.updated", {
        id: "sub_1",
        object: "subscription",
        customer: { id: "cus_1", object: "customer" },
        status: "active",
        start_date: 1767225600,
        trial_end: null,
        items: {
          data: [
            {
              quantity: 2,
              price: {
                unit_amount: 3000,
                currency: "eur",
                recurring: { interval: "month", interval_count: 3 },
              },
            },
          ],
        },
      }),
    );
    expect(translated).toEqual({
      preset: "stripe-subscriptions",
      action: "upsert",
      row: {
        id: "sub_1",
        "Customer ID": "cus_1",
        Status: "active",
        Currency: "eur",
        Interval: "quarter",
        "Start (UTC)": "1767225600",
        Items: [{ quantity: 2, unit_amount_minor: 3000 }],
      },
    });
  });

  it("knows a Stripe envelope, deletes on customer.deleted and ignores what it does not read", () => {
    expect(isStripeEvent(event("customer.created", { id: "cus_1", object: "customer" }))).toBe(true);
    expect(isStripeEvent({ id: "evt_1", object: "accounts", record: {} })).toBe(false);
    expect(
      translateStripeEvent(event("customer.deleted", { id: "cus_1", object: "customer", deleted: true })),
    ).toEqual({
      preset: "stripe-customers",
      row: { id: "cus_1" },
      action: "delete",
    });
    expect(
      translateStripeEvent(event("checkout.session.completed", { id: "cs_1", object: "checkout.session" })),
    ).toEqual({
      ignored: expect.stringContaining("checkout.session.completed"),
    });
  });
});
