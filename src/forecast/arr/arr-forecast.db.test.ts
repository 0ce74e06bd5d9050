import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { request } from "../../api/testing/fixtures.ts";
import { openTestServer, type TestServer } from "../../api/testing/test-server.ts";
import { type FixtureApi, fixtureApi } from "../../metrics/testing/metric-fixtures.ts";

/*
 * A UTC workspace reporting in USD; today is 2026-11-15; horizon 3 → Nov 2026, Dec 2026, Jan 2027.
 * Every subscription is yearly (a term is a year from its start); ARR = 12 × MRR.
 *
 * Past terms (those ending before today):
 *   H1 enterprise, from 2022-01-10, canceled 2025-01-20: renewed 2023-01-10, 2024-01-10, 2025-01-10, then churned (3 + 1)
 *   H2 enterprise, from 2023-03-01, canceled 2024-03-15: renewed 2024-03-01, then churned (1 + 1)
 *   L1 enterprise "Acme", ARR 12,000, from 2024-12-10: renewed 2025-12-10 (1); next renewal 2026-12-10
 *   L2 smb "Beta", ARR 6,000, from 2025-01-05: renewed 2026-01-05 (1); next 2027-01-05; 1 open urgent ticket
 *   L4 mid-market "Delta", ARR 2,400, from 2025-06-01: renewed 2026-06-01 (1); cancel_at 2026-12-31
 *   T  smb "Trial", still trialing since 2025-03-01: left out of both
 * Yearly over every segment: 7 renewed of 9 → (7 + 1) / (9 + 2) = 8/11.
 * Enterprise: 5 of 7 → (5 + 10 × 8/11) / (7 + 10) = 135/187. smb: 1 of 1 → (1 + 80/11) / 11 = 91/121,
 * × 0.85 for the urgent ticket = 77.35/121. Delta: cancellation scheduled → 0.
 * Contracted 12,000 + 6,000 + 2,400 = 20,400.
 * Nov: no renewal → churn 0, forecast 20,400.
 * Dec: Acme 12,000 × 52/187 = 3,336.898… + Delta 2,400 = 5,736.90; forecast 14,663.10.
 * Jan: Beta 6,000 × 43.65/121 = 2,164.46; forecast 12,498.64.
 * No open deals: expected new and expansion 0.
 */
const NOW = new Date("2026-11-15T12:00:00Z");
let s: TestServer;
let f: FixtureApi;

async function yearly(
  account: string,
  startedAt: string,
  arrMinor: number,
  extra: Record<string, unknown> = {},
) {
  return f.post("/api/subscriptions", {
    account_id: account,
    currency: "USD",
    billing_interval: "year",
    items: [{ quantity: 1, unit_amount_minor: arrMinor }],
    started_at: startedAt,
    ...extra,
  });
}
async function cancel(sub: Record<string, unknown>, at: string, arrMinor: number) {
  await f.post("/api/subscription-versions", {
    subscription_id: sub.id,
    effective_at: at,
    status: "canceled",
    currency: "USD",
    billing_interval: "year",
    items: [{ quantity: 1, unit_amount_minor: arrMinor }],
  });
  await f.patch(`/api/subscriptions/${sub.id}`, { status: "canceled", ended_at: at });
}

beforeAll(async () => {
  s = await openTestServer();
  await s.database.db
    .updateTable("workspaces")
    .set({ timezone: "UTC", reporting_currency: "USD" })
    .where("id", "=", s.ws.workspace.id)
    .execute();
  f = fixtureApi(s.app, s.keys.admin);
  const old1 = await f.account("Old1", { segment: "enterprise" });
  await cancel(
    await yearly(old1.id as string, "2022-01-10T00:00:00Z", 500_000),
    "2025-01-20T00:00:00Z",
    500_000,
  );
  const old2 = await f.account("Old2", { segment: "enterprise" });
  await cancel(
    await yearly(old2.id as string, "2023-03-01T00:00:00Z", 300_000),
    "2024-03-15T00:00:00Z",
    300_000,
  );
  const acme = await f.account("Acme", { segment: "enterprise" });
  await yearly(acme.id as string, "2024-12-10T00:00:00Z", 1_200_000);
  const beta = await f.account("Beta", { segment: "smb" });
  await yearly(beta.id as string, "2025-01-05T00:00:00Z", 600_000);
  await f.post("/api/tickets", {
    subject: "Everything is down",
    account_id: beta.id,
    status: "open",
    priority: "urgent",
    opened_at: "2026-11-10T00:00:00Z",
  });
  await f.post("/api/tickets", {
    subject: "Old outage",
    account_id: beta.id,
    status: "solved",
    priority: "urgent",
    opened_at: "2026-10-01T00:00:00Z",
  });
  // Still trialing since 2025-03-01: neither in force nor a past term.
  const trial = await f.account("Trial", { segment: "smb" });
  await yearly(trial.id as string, "2025-03-01T00:00:00Z", 900_000, { status: "trialing" });
  const delta = await f.account("Delta", { segment: "mid_market" });
  await yearly(delta.id as string, "2025-06-01T00:00:00Z", 240_000, { cancel_at: "2026-12-31T00:00:00Z" });
}, 60_000);

afterEach(() => {
  vi.useRealTimers();
});
afterAll(() => s?.close());

const get = (path: string, headers = s.keys.admin) => request(s.app, "GET", path, headers);

describe("ARR bridge from the subscriptions (by hand)", () => {
  it("returns contracted ARR, the churn expected at each renewal and the riskiest renewals", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: NOW });
    const res = await get("/api/forecast/arr?horizon=3");
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body).toMatchObject({ currency: "USD", as_of: "2026-11-15", horizon: 3, contracted: 20_400 });
    expect(
      body.months.map((m: Record<string, unknown>) => [
        m.period,
        m.contracted,
        m.expected_churn,
        m.expected_new,
        m.expected_expansion,
        m.forecast,
        m.renewals_due,
      ]),
    ).toEqual([
      ["2026-11", 20_400, 0, 0, 0, 20_400, { count: 0, arr: 0 }],
      ["2026-12", 20_400, 5_736.9, 0, 0, 14_663.1, { count: 2, arr: 14_400 }],
      ["2027-01", 20_400, 2_164.46, 0, 0, 12_498.64, { count: 1, arr: 6_000 }],
    ]);
    expect(
      body.riskiest_renewals.map((r: Record<string, unknown>) => [
        r.account,
        r.arr,
        r.renewal_date,
        r.probability,
      ]),
    ).toEqual([
      // Largest expected loss first: 12,000 × (1 − 135/187) = 3,337; 2,400 × 1; 6,000 × (1 − 77.35/121) = 2,164.
      ["Acme", 12_000, "2026-12-10", Math.round((135 / 187) * 10_000) / 10_000],
      ["Delta", 2_400, "2026-12-31", 0],
      ["Beta", 6_000, "2027-01-05", Math.round((77.35 / 121) * 10_000) / 10_000],
    ]);
    expect(body.riskiest_renewals[1].reasons).toEqual(["cancellation scheduled for 2026-12-31"]);
    expect(body.riskiest_renewals[2].reasons).toEqual(["1 open high-priority ticket"]);
    expect(body.renewal_history.terms).toBe(9);
  });

  it("refuses a bad horizon naming the field", async () => {
    for (const horizon of ["0", "37", "abc", "2.5"]) {
      const res = await get(`/api/forecast/arr?horizon=${horizon}`);
      expect(res.status).toBe(422);
      expect(res.body.error.field).toBe("horizon");
      expect(res.body.error.message).toContain("horizon");
    }
  });

  it("forecasts 12 months by default, flat once this year's renewals are behind", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: NOW });
    const res = await get("/api/forecast/arr");
    expect(res.status).toBe(200);
    const months = res.body.months as Array<{ period: string; forecast: number }>;
    expect(months.map((m) => m.period)).toEqual([
      "2026-11",
      "2026-12",
      ...Array.from({ length: 10 }, (_, i) => `2027-${String(i + 1).padStart(2, "0")}`),
    ]);
    expect(months.slice(2).every((m) => m.forecast === 12_498.64)).toBe(true);
  });
});
