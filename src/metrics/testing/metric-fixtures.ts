import type { App } from "../../api/context.ts";
import { request } from "../../api/testing/fixtures.ts";

type Body = Record<string, unknown>;

/**
 * Writes test fixtures through the API (so the write path keeps its history rows) and fails
 * loudly when a write is refused.
 */
export function fixtureApi(app: App, headers: Record<string, string>) {
  async function post(path: string, body: unknown): Promise<Body> {
    const res = await request(app, "POST", path, headers, body);
    if (res.status >= 300) throw new Error(`POST ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
  async function patch(path: string, body: Body): Promise<Body> {
    const current = await get(path);
    const res = await request(app, "PATCH", path, headers, { ...body, version: current.version });
    if (res.status >= 300) throw new Error(`PATCH ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
  async function get(path: string): Promise<Body> {
    const res = await request(app, "GET", path, headers);
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
  /** One monthly item worth `mrrMinor` a month. */
  const monthly = (mrrMinor: number) => [{ quantity: 1, unit_amount_minor: mrrMinor }];

  return {
    post,
    patch,
    get,
    monthly,
    account: (name: string, extra: Body = {}) => post("/api/accounts", { name, ...extra }),
    /** A monthly subscription of `mrrMinor` from `startedAt` (its first version starts then). */
    subscription: (accountId: string, startedAt: string, mrrMinor: number, extra: Body = {}) =>
      post("/api/subscriptions", {
        account_id: accountId,
        currency: "USD",
        billing_interval: "month",
        items: monthly(mrrMinor),
        started_at: startedAt,
        ...extra,
      }),
    /** A dated change of a subscription (its history), posted as a subscription version. */
    version: (sub: Body, effectiveAt: string, mrrMinor: number, status = "active", extra: Body = {}) =>
      post("/api/subscription-versions", {
        subscription_id: sub.id,
        effective_at: effectiveAt,
        status,
        currency: sub.currency,
        billing_interval: "month",
        items: monthly(mrrMinor),
        ...extra,
      }),
    fxRate: (base: string, quote: string, rate: number, date: string) =>
      post("/api/fx-rates", { base_currency: base, quote_currency: quote, rate, rate_date: date }),
  };
}

export type FixtureApi = ReturnType<typeof fixtureApi>;
