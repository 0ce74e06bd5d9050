import { describe, expect, it } from "vitest";
import { type TimelineRow, toEvent } from "./timeline-events.ts";

const row = (over: Partial<TimelineRow>): TimelineRow => ({
  at: new Date("2026-01-02T03:04:05.678Z"),
  team: "sales",
  kind: "x",
  event_id: "e1",
  object: "opportunities",
  record_id: "opp_1",
  name: null,
  a: null,
  b: null,
  status: null,
  amount_minor: null,
  currency: null,
  ...over,
});

describe("timeline events", () => {
  it("turns rows into sentences people read", () => {
    const cases: Array<[Partial<TimelineRow>, string, string | null]> = [
      [
        { kind: "touchpoint", name: "webinar_attendance", a: "Q1 webinar", b: "https://x.io" },
        "Webinar attendance · Q1 webinar",
        "https://x.io",
      ],
      [{ kind: "lifecycle_account", a: "sql", b: "customer" }, "Account became customer", "from SQL"],
      [
        { kind: "lifecycle_contact", name: "Ada Lovelace", b: "mql" },
        "Contact Ada Lovelace became MQL",
        null,
      ],
      [
        { kind: "opportunity_opened", name: "Big deal", a: "new", b: "new_business" },
        "Opportunity opened: Big deal",
        "New · new_business pipeline",
      ],
      [
        { kind: "stage_change", name: "Big deal", a: "proposal", b: "closed_won" },
        "Won: Big deal",
        "Proposal → Closed won",
      ],
      [
        { kind: "stage_change", name: "Big deal", a: "proposal", b: "negotiation" },
        "Big deal: Proposal → Negotiation",
        null,
      ],
      [
        { kind: "activity", name: "Kick-off", a: "meeting", b: "outbound", status: "held" },
        "Meeting: Kick-off",
        "outbound · held",
      ],
      [
        { kind: "ticket_opened", name: "Login broken", a: "urgent", status: "open" },
        "Ticket opened: Login broken",
        "urgent priority · open",
      ],
      [
        { kind: "subscription_version", name: "created", a: "year", status: "active" },
        "Subscription started",
        "Active · billed per year",
      ],
      [{ kind: "subscription_version", name: "changed", status: "canceled" }, "Subscription canceled", null],
      [{ kind: "invoice", name: "INV-7", status: "paid" }, "Invoice INV-7 issued", "Paid"],
      [
        { kind: "payment", name: "card", a: "insufficient funds", status: "failed" },
        "Payment failed",
        "card · insufficient funds",
      ],
      [{ kind: "refund", name: "goodwill", status: "succeeded" }, "Refund succeeded", "goodwill"],
      [
        { kind: "partner_opportunity", name: "Northwind", a: "Big deal" },
        "Partner Northwind on Big deal",
        null,
      ],
    ];
    for (const [over, title, detail] of cases)
      expect(toEvent(row(over)), title).toMatchObject({ title, detail });
  });

  it("keeps the instant, the record and the amount", () => {
    expect(toEvent(row({ kind: "invoice", amount_minor: "12000", currency: "EUR" }))).toMatchObject({
      id: "e1",
      at: "2026-01-02T03:04:05.678Z",
      object: "opportunities",
      record_id: "opp_1",
      amount_minor: 12000,
      currency: "EUR",
    });
  });
});
