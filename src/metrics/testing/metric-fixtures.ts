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

  /**
   * A contact created outside the funnel (stage "other") whose only lifecycle transitions are
   * the dated `steps` ([stage, ISO instant], oldest first). Returns its id.
   */
  async function contactJourney(name: string, steps: Array<[string, string]>): Promise<string> {
    const contact = await post("/api/contacts", {
      first_name: name,
      email: `${name.toLowerCase()}@example.com`,
      lifecycle_stage: "other",
    });
    let from: string | null = null;
    for (const [to, at] of steps) {
      await post("/api/lifecycle-transitions", {
        subject_type: "contact",
        subject_id: contact.id,
        from_stage: from,
        to_stage: to,
        transitioned_at: at,
      });
      from = to;
    }
    return contact.id as string;
  }

  /**
   * A 1,000 USD deal opened in the first stage of `path` ([stage, "MM-DD" in 2026], oldest first)
   * that moved through the rest on those days, ending in its last stage (closed then if a closed
   * stage). Returns its id.
   */
  async function dealPath(name: string, path: Array<[string, string]>): Promise<string> {
    const [first, ...later] = path;
    const opp = await post("/api/opportunities", {
      name,
      stage: first[0],
      amount_minor: 100_000,
      currency: "USD",
      opened_at: `2026-${first[1]}T00:00:00Z`,
    });
    let from = first[0];
    for (const [stage, at] of later) {
      await post("/api/opportunity-stage-history", {
        opportunity_id: opp.id,
        from_stage: from,
        to_stage: stage,
        changed_at: `2026-${at}T00:00:00Z`,
      });
      from = stage;
    }
    if (/closed/.test(from))
      await patch(`/api/opportunities/${opp.id}`, {
        stage: from,
        closed_at: `2026-${later.at(-1)?.[1]}T00:00:00Z`,
      });
    else if (from !== first[0]) await patch(`/api/opportunities/${opp.id}`, { stage: from });
    return opp.id as string;
  }

  return {
    post,
    patch,
    get,
    monthly,
    contactJourney,
    dealPath,
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
