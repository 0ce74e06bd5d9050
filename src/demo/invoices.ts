import type { SubscriptionItem } from "../model/objects/finance.objects.ts";
import { perInterval } from "./deal-terms.ts";
import type { Foundation } from "./foundation.ts";
import { collect } from "./payments.ts";
import type { Random } from "./random.ts";
import { demoRecord, emit, mintId, type Row, type Tables } from "./rows.ts";
import type { AccountStory, SubscriptionStory, SubscriptionVersion } from "./story-types.ts";
import { addMonths, DAY, iso, isoDate } from "./time.ts";

interface Line {
  item: SubscriptionItem;
  description: string;
  from: number;
  to: number;
}

/**
 * Invoices for every billing period of every subscription up to now, with one line per item
 * and its service period, the one-time services on the first invoice, and a prorated invoice
 * when a yearly customer expands mid-term. Each invoice is then collected (payments, refunds).
 */
export function invoiceRows(f: Foundation, random: Random, story: AccountStory, out: Tables): void {
  let number = 0;
  const invoice = (sub: SubscriptionStory, issuedAt: number, lines: Line[]) => {
    number++;
    const id = mintId("invoices", issuedAt);
    const key = `${story.profile.key}-i${number}`;
    let subtotal = 0;
    lines.forEach((line, i) => {
      const amount = line.item.quantity * line.item.unit_amount_minor;
      subtotal += amount;
      emit(
        out,
        "invoice_lines",
        demoRecord(mintId("invoice_lines", issuedAt), `${key}-l${i + 1}`, issuedAt, issuedAt, {
          invoice_id: id,
          product_id: line.item.product_id,
          description: line.description,
          quantity: line.item.quantity,
          unit_amount_minor: line.item.unit_amount_minor,
          amount_minor: amount,
          period_start: isoDate(line.from),
          period_end: isoDate(line.to),
        }),
      );
    });
    const fields: Row = {
      number: `INV-${story.profile.key.slice(5)}-${String(number).padStart(3, "0")}`,
      account_id: story.profile.id,
      subscription_id: sub.id,
      currency: story.profile.currency,
      issued_at: iso(issuedAt),
      subtotal_minor: subtotal,
      tax_minor: 0,
      total_minor: subtotal,
    };
    const settled = collect(f, random, story, sub, { id, key, issuedAt, total: subtotal }, out);
    emit(out, "invoices", demoRecord(id, key, issuedAt, settled.updatedAt, { ...fields, ...settled.fields }));
  };

  const name = (item: SubscriptionItem) => f.catalog.byId.get(item.product_id!)!.name;
  for (const sub of story.subscriptions) {
    const months = sub.terms.interval === "year" ? 12 : 1;
    for (let k = 0; ; k++) {
      const from = addMonths(sub.billingStart, k * months);
      const to = addMonths(sub.billingStart, (k + 1) * months);
      if (from > f.plan.now || (sub.endsAt !== null && from >= sub.endsAt)) break;
      const current = versionAt(sub.versions, from);
      if (!current || current.status === "canceled") break;
      const lines: Line[] = current.items.map((item) => ({
        item,
        description: name(item),
        from,
        to: to - DAY,
      }));
      if (k === 0) {
        for (const item of sub.terms.oneTime) lines.push({ item, description: name(item), from, to: from });
      }
      invoice(sub, from, lines);
      if (months === 12) prorations(sub, from, to, name, invoice);
    }
  }
}

function versionAt(versions: SubscriptionVersion[], at: number): SubscriptionVersion | undefined {
  let found: SubscriptionVersion | undefined;
  for (const v of versions) if (v.at <= at) found = v;
  return found;
}

/** A mid-term upgrade of a yearly plan is billed at once for the rest of the term. */
function prorations(
  sub: SubscriptionStory,
  from: number,
  to: number,
  name: (item: SubscriptionItem) => string,
  invoice: (sub: SubscriptionStory, at: number, lines: Line[]) => void,
): void {
  for (let i = 1; i < sub.versions.length; i++) {
    const change = sub.versions[i];
    if (change.reason !== "expansion" || change.at <= from || change.at >= to) continue;
    const before = sub.versions[i - 1].items;
    const added = perInterval(change.items) - perInterval(before);
    if (added <= 0) continue;
    const changed = change.items.find(
      (item) => !before.some((b) => JSON.stringify(b) === JSON.stringify(item)),
    );
    const item = changed ?? change.items[0];
    const share = (to - change.at) / (to - from);
    const lines: Line[] = [
      {
        item: { product_id: item.product_id, quantity: 1, unit_amount_minor: Math.round(added * share) },
        description: `${name(item)} — prorated change for the rest of the term`,
        from: change.at,
        to: to - DAY,
      },
    ];
    invoice(sub, change.at, lines);
  }
}
