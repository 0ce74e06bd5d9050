import type { SubscriptionItem } from "../model/objects/finance.objects.ts";
import type { Catalog, Currency, Interval, ProductKey } from "./catalog.ts";
import { PLAN_ORDER } from "./catalog.ts";
import type { Segment } from "./plan.ts";
import type { Random } from "./random.ts";

/** What a customer buys: recurring items billed every interval, one-time services, a discount. */
export interface Terms {
  currency: Currency;
  interval: Interval;
  items: SubscriptionItem[];
  oneTime: SubscriptionItem[];
  discount: number;
}

interface SegmentOffer {
  plans: Partial<Record<ProductKey, number>>;
  seats: [median: number, min: number, max: number];
  addOns: Partial<Record<ProductKey, number>>;
  yearly: number;
  discount: [number, number];
  implementation: number;
}

const OFFERS: Record<Segment, SegmentOffer> = {
  smb: {
    plans: { starter: 0.7, growth: 0.3 },
    seats: [8, 2, 40],
    addOns: { analytics: 0.12 },
    yearly: 0.25,
    discount: [0, 0.1],
    implementation: 0,
  },
  mid_market: {
    plans: { growth: 0.8, enterprise: 0.2 },
    seats: [60, 20, 300],
    addOns: { analytics: 0.5, connectors: 0.4, sandbox: 0.2 },
    yearly: 0.6,
    discount: [0.05, 0.2],
    implementation: 0.5,
  },
  enterprise: {
    plans: { enterprise: 1 },
    seats: [180, 80, 800],
    addOns: { analytics: 0.85, connectors: 0.7, premium_support: 0.7, sandbox: 0.5 },
    yearly: 0.95,
    discount: [0.1, 0.3],
    implementation: 0.9,
  },
};

const item = (catalog: Catalog, key: ProductKey, quantity: number, unit: number): SubscriptionItem => ({
  product_id: catalog.byKey[key].id,
  quantity,
  unit_amount_minor: unit,
});

/** Net unit price after the customer's discount. */
const net = (
  catalog: Catalog,
  terms: Pick<Terms, "currency" | "interval" | "discount">,
  key: ProductKey,
  at: number,
) => Math.round(catalog.listPrice(key, terms.currency, terms.interval, at) * (1 - terms.discount));

export function quoteTerms(
  random: Random,
  catalog: Catalog,
  segment: Segment,
  currency: Currency,
  at: number,
): Terms {
  const offer = OFFERS[segment];
  const [median, min, max] = offer.seats;
  const seats = Math.min(max, Math.max(min, Math.round(random.logNormal(median, 0.6))));
  const terms: Terms = {
    currency,
    interval: random.chance(offer.yearly) ? "year" : "month",
    items: [],
    oneTime: [],
    discount: Math.round(random.between(...offer.discount) * 100) / 100,
  };
  const plan = random.weighted(offer.plans as Record<ProductKey, number>);
  terms.items.push(item(catalog, plan, seats, net(catalog, terms, plan, at)));
  for (const [addOn, p] of Object.entries(offer.addOns) as Array<[ProductKey, number]>) {
    if (random.chance(p)) terms.items.push(item(catalog, addOn, 1, net(catalog, terms, addOn, at)));
  }
  if (random.chance(offer.implementation)) {
    const unit = Math.round(catalog.listPrice("implementation", currency, null, at) * (1 - terms.discount));
    terms.oneTime.push(
      item(catalog, "implementation", segment === "enterprise" ? random.int(1, 4) : 1, unit),
    );
  }
  return terms;
}

/** Recurring value per interval. */
export const perInterval = (items: SubscriptionItem[]): number =>
  items.reduce((sum, i) => sum + i.quantity * i.unit_amount_minor, 0);

/** Annual recurring value of the items. */
export const annualValue = (terms: Pick<Terms, "items" | "interval">): number =>
  perInterval(terms.items) * (terms.interval === "month" ? 12 : 1);

export const oneTimeValue = (terms: Terms): number => perInterval(terms.oneTime);

const withItems = (terms: Terms, items: SubscriptionItem[]): Terms => ({ ...terms, items, oneTime: [] });

/** An upsell: more seats, the next plan up, or an add-on the customer does not have yet. */
export function expandTerms(random: Random, catalog: Catalog, terms: Terms, at: number): Terms {
  const [plan, ...addOns] = terms.items;
  const planKey = catalog.byId.get(plan.product_id!)!.key;
  const kind = random.weighted({ seats: 0.55, upgrade: 0.2, addon: 0.25 });
  const nextPlan = PLAN_ORDER[PLAN_ORDER.indexOf(planKey) + 1];
  if (kind === "upgrade" && nextPlan) {
    return withItems(terms, [
      item(catalog, nextPlan, plan.quantity, net(catalog, terms, nextPlan, at)),
      ...addOns,
    ]);
  }
  const owned = new Set(addOns.map((a) => a.product_id));
  const missing = (["analytics", "connectors", "sandbox", "premium_support"] as ProductKey[]).filter(
    (key) => !owned.has(catalog.byKey[key].id),
  );
  if (kind === "addon" && missing.length > 0) {
    const key = random.pick(missing);
    return withItems(terms, [...terms.items, item(catalog, key, 1, net(catalog, terms, key, at))]);
  }
  const seats = Math.max(plan.quantity + 1, Math.ceil(plan.quantity * random.between(1.15, 1.6)));
  return withItems(terms, [{ ...plan, quantity: seats }, ...addOns]);
}

/** A downsell: fewer seats, or an add-on dropped. */
export function contractTerms(random: Random, terms: Terms): Terms {
  const [plan, ...addOns] = terms.items;
  if (addOns.length > 0 && random.chance(0.3)) {
    const drop = random.int(0, addOns.length - 1);
    return withItems(terms, [plan, ...addOns.filter((_, i) => i !== drop)]);
  }
  const seats = Math.max(1, Math.floor(plan.quantity * random.between(0.6, 0.9)));
  return withItems(terms, [
    { ...plan, quantity: Math.min(seats, Math.max(1, plan.quantity - 1)) },
    ...addOns,
  ]);
}

/** A price rise at renewal. */
export function upliftTerms(terms: Terms, rate: number): Terms {
  return withItems(
    terms,
    terms.items.map((i) => ({ ...i, unit_amount_minor: Math.round(i.unit_amount_minor * (1 + rate)) })),
  );
}
