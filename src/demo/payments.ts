import type { Foundation } from "./foundation.ts";
import type { Random } from "./random.ts";
import { demoRecord, emit, mintId, type Row, type Tables } from "./rows.ts";
import type { AccountStory, SubscriptionStory } from "./story-types.ts";
import { DAY, HOUR, iso } from "./time.ts";

interface IssuedInvoice {
  id: string;
  key: string;
  issuedAt: number;
  total: number;
}

const CARD_FAILURES = ["card_declined", "insufficient_funds", "expired_card", "processing_error"];
const BANK_FAILURES = ["insufficient_funds", "debit_not_authorized", "account_closed"];
const REFUND_REASONS = [
  "Service credit for an outage",
  "Duplicate charge",
  "Seats over-counted",
  "Goodwill credit",
];
const RETRY_DAYS = [3, 5, 7];

/**
 * Collects an invoice: small monthly customers pay by card on issue, larger ones by bank
 * transfer or debit within terms (some late). About one first attempt in twenty fails and is
 * retried; the rare invoice that never gets paid becomes uncollectible. A few payments are refunded.
 */
export function collect(
  f: Foundation,
  random: Random,
  story: AccountStory,
  sub: SubscriptionStory,
  invoice: IssuedInvoice,
  out: Tables,
): { fields: Row; updatedAt: number } {
  const { now } = f.plan;
  const p = story.profile;
  const card = sub.terms.interval === "month" && (p.segment === "smb" || random.chance(0.5));
  const method = card
    ? "card"
    : p.currency === "EUR"
      ? "sepa_debit"
      : p.currency === "GBP"
        ? "bacs_debit"
        : p.segment === "enterprise"
          ? "wire"
          : "ach_debit";
  // Cards are charged on issue with a week's grace for retries; transfers have 30-day terms.
  const dueAt = invoice.issuedAt + (card ? 7 : 30) * DAY;
  let at = card
    ? invoice.issuedAt + random.int(1, 3) * HOUR
    : invoice.issuedAt + Math.min(75, Math.max(1, random.logNormal(18, 0.6))) * DAY;
  let paidAt: number | null = null;
  let attempts = 0;
  let lastAttempt = invoice.issuedAt;
  while (at <= now && attempts <= RETRY_DAYS.length) {
    attempts++;
    lastAttempt = at;
    const fails = attempts === 1 ? random.chance(card ? 0.06 : 0.02) : random.chance(0.25);
    emit(
      out,
      "payments",
      demoRecord(mintId("payments", at), `${invoice.key}-p${attempts}`, at, at, {
        account_id: p.id,
        invoice_id: invoice.id,
        status: fails ? "failed" : "succeeded",
        amount_minor: invoice.total,
        currency: p.currency,
        method,
        failure_reason: fails ? random.pick(card ? CARD_FAILURES : BANK_FAILURES) : null,
        attempted_at: iso(at),
      }),
    );
    if (!fails) {
      paidAt = at;
      refund(random, now, out, invoice, p.id, p.currency, at, `${invoice.key}-p${attempts}`);
      break;
    }
    if (attempts > RETRY_DAYS.length) break;
    at += RETRY_DAYS[attempts - 1] * DAY;
  }
  const gaveUp = paidAt === null && attempts > RETRY_DAYS.length && now - invoice.issuedAt > 60 * DAY;
  return {
    fields: {
      status: paidAt !== null ? "paid" : gaveUp ? "uncollectible" : "open",
      due_at: iso(dueAt),
      paid_at: paidAt === null ? null : iso(paidAt),
      amount_paid_minor: paidAt === null ? 0 : invoice.total,
    },
    updatedAt: paidAt ?? lastAttempt,
  };
}

function refund(
  random: Random,
  now: number,
  out: Tables,
  invoice: IssuedInvoice,
  accountId: string,
  currency: string,
  paidAt: number,
  paymentKey: string,
): void {
  if (!random.chance(0.015)) return;
  const at = paidAt + random.int(2, 30) * DAY;
  if (at > now) return;
  const amount = random.chance(0.5) ? invoice.total : Math.round(invoice.total * random.between(0.1, 0.5));
  emit(
    out,
    "refunds",
    demoRecord(mintId("refunds", at), `${paymentKey}-r1`, at, at, {
      payment_id: out.payments[out.payments.length - 1].id,
      account_id: accountId,
      amount_minor: amount,
      currency,
      status: "succeeded",
      reason: random.pick(REFUND_REASONS),
      refunded_at: iso(at),
    }),
  );
}
