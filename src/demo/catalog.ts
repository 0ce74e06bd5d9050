import type { DemoPlan } from "./plan.ts";
import { demoRecord, emit, mintId, type Tables } from "./rows.ts";
import { addMonths, DAY, isoDate } from "./time.ts";

export type Currency = "USD" | "EUR" | "GBP";
export type Interval = "month" | "year";
export const CURRENCIES: Currency[] = ["USD", "EUR", "GBP"];

export type ProductKey =
  | "starter"
  | "growth"
  | "enterprise"
  | "analytics"
  | "connectors"
  | "premium_support"
  | "sandbox"
  | "implementation";

export interface Product {
  key: ProductKey;
  id: string;
  name: string;
  /** Priced per seat (a plan) rather than per organisation (an add-on). */
  perSeat: boolean;
  recurring: boolean;
  /** List price in US cents per month (recurring) or once. */
  usd: number;
}

const PRODUCTS: Array<[ProductKey, string, string, boolean, boolean, number]> = [
  ["starter", "Acme Cloud Starter", "Plan", true, true, 2_500],
  ["growth", "Acme Cloud Growth", "Plan", true, true, 6_000],
  ["enterprise", "Acme Cloud Enterprise", "Plan", true, true, 11_000],
  ["analytics", "Advanced Analytics", "Add-on", false, true, 40_000],
  ["connectors", "Data Connectors Pack", "Add-on", false, true, 25_000],
  ["premium_support", "Premium Support", "Add-on", false, true, 90_000],
  ["sandbox", "Sandbox Environment", "Add-on", false, true, 15_000],
  ["implementation", "Implementation Services", "Services", false, false, 500_000],
];

export const PLAN_ORDER: ProductKey[] = ["starter", "growth", "enterprise"];

/** Local list prices: fixed per currency (not converted daily), rounded to whole units. */
const LOCAL = { USD: 1, EUR: 0.92, GBP: 0.8 } as const;
/** Yearly billing costs ten months: two months free. */
const YEAR_MONTHS = 10;
/** List prices rose this much halfway through the story. */
const PRICE_RISE = 1.08;

export interface Catalog {
  products: Product[];
  byKey: Record<ProductKey, Product>;
  byId: Map<string, Product>;
  /** List price of one unit for one interval (or once) in minor units on date `at`. */
  listPrice(key: ProductKey, currency: Currency, interval: Interval | null, at: number): number;
}

export function buildCatalog(plan: DemoPlan, out: Tables): Catalog {
  const launched = plan.start - 180 * DAY;
  const repriced = addMonths(plan.start, 18);
  const products: Product[] = PRODUCTS.map(([key, name, family, perSeat, recurring, usd], i) => {
    const id = mintId("products", launched + i * 1000);
    emit(
      out,
      "products",
      demoRecord(id, `product-${key}`, launched, launched, {
        name,
        sku: `AC-${key.toUpperCase().replace("_", "-")}`,
        family,
        is_recurring: recurring,
        active: true,
        description: perSeat
          ? `${name}, priced per seat`
          : recurring
            ? `${name}, priced per organisation`
            : name,
      }),
    );
    return { key, id, name, perSeat, recurring, usd };
  });
  const byKey = Object.fromEntries(products.map((p) => [p.key, p])) as Record<ProductKey, Product>;

  const price = (
    product: Product,
    currency: Currency,
    interval: Interval | null,
    raised: boolean,
  ): number => {
    const months = interval === "year" ? YEAR_MONTHS : 1;
    const amount = product.usd * LOCAL[currency] * months * (raised ? PRICE_RISE : 1);
    return Math.round(amount / 100) * 100;
  };

  for (const product of products) {
    for (const currency of CURRENCIES) {
      for (const interval of product.recurring ? (["month", "year"] as const) : [null]) {
        for (const raised of [false, true]) {
          const from = raised ? repriced : launched;
          emit(
            out,
            "price_book_entries",
            demoRecord(
              mintId("price_book_entries", from),
              `price-${product.key}-${currency}-${interval ?? "once"}-${raised ? "current" : "launch"}`,
              from,
              raised ? from : repriced,
              {
                product_id: product.id,
                price_book: "standard",
                currency,
                unit_amount_minor: price(product, currency, interval, raised),
                billing_interval: interval,
                valid_from: isoDate(from),
                valid_to: raised ? null : isoDate(repriced - DAY),
                active: raised,
              },
            ),
          );
        }
      }
    }
  }
  return {
    products,
    byKey,
    byId: new Map(products.map((p) => [p.id, p])),
    listPrice: (key, currency, interval, at) => price(byKey[key], currency, interval, at >= repriced),
  };
}
