import { sql } from "kysely";
import type { Db } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { nextPeriod, type Period, periodOf, todayIn } from "../../metrics/periods.ts";
import { minorDigits } from "../../model/money.ts";
import type { DealForecast } from "../deals/forecast-deals.ts";
import { MAX_HORIZON } from "../periods/metric-series.ts";
import { arrBridge, type BridgeDeal, type BridgeSubscription } from "./arr-bridge.ts";
import { adjustForRisk } from "./churn-risk.ts";
import { learnRenewalRates, type TermHistory } from "./renewal-rates.ts";
import { nextTermEnd, TERM_INTERVALS, type TermInterval, termsEndedBefore } from "./term-dates.ts";

export function parseArrQuery(q: { horizon?: string | number }): { horizon: number } {
  const horizon = q.horizon === undefined || q.horizon === "" ? 12 : Number(q.horizon);
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON) {
    throw new AppError(
      "validation_failed",
      `horizon: must be a whole number of months from 1 to ${MAX_HORIZON}, got "${q.horizon}"`,
      { field: "horizon" },
    );
  }
  return { horizon };
}

const asInterval = (v: string | null): TermInterval =>
  TERM_INTERVALS.includes(v as TermInterval) ? (v as TermInterval) : "month";

/**
 * Every subscription with its latest version in force now (status, MRR, currency, interval),
 * its account's name and segment, and the account's risk signals: open high/urgent tickets and
 * activities in the last 90 days and the 90 before.
 */
async function loadSubscriptions(db: Db, workspaceId: string, now: Date) {
  const d90 = new Date(now.getTime() - 90 * 86_400_000);
  const d180 = new Date(now.getTime() - 180 * 86_400_000);
  const { rows } = await sql<{
    id: string;
    account_id: string;
    account: string | null;
    segment: string | null;
    started_at: Date | string;
    cancel_at: Date | string | null;
    ended_at: Date | string | null;
    status: string | null;
    version_at: Date | string | null;
    mrr_minor: string | number | null;
    currency: string | null;
    billing_interval: string | null;
    urgent_tickets: string | number;
    recent_activities: string | number;
    prior_activities: string | number;
  }>`with v as (
      select distinct on (subscription_id) subscription_id, status, effective_at, mrr_minor, currency, billing_interval
      from subscription_versions
      where workspace_id = ${workspaceId} and effective_at <= ${now}
      order by subscription_id, effective_at desc, created_at desc, id desc),
    t as (
      select account_id, count(*) as n from tickets
      where workspace_id = ${workspaceId} and priority in ('high', 'urgent')
        and status in ('new', 'open', 'pending', 'on_hold') and account_id is not null
      group by account_id),
    act as (
      select account_id,
        count(*) filter (where occurred_at > ${d90} and occurred_at <= ${now}) as recent,
        count(*) filter (where occurred_at > ${d180} and occurred_at <= ${d90}) as prior
      from activities
      where workspace_id = ${workspaceId} and account_id is not null and occurred_at > ${d180}
      group by account_id)
    select s.id, s.account_id, a.name as account, a.segment, s.started_at, s.cancel_at, s.ended_at,
      v.status, v.effective_at as version_at, v.mrr_minor, v.currency,
      coalesce(v.billing_interval, s.billing_interval) as billing_interval,
      coalesce(t.n, 0) as urgent_tickets, coalesce(act.recent, 0) as recent_activities,
      coalesce(act.prior, 0) as prior_activities
    from subscriptions s
    left join v on v.subscription_id = s.id
    left join accounts a on a.workspace_id = s.workspace_id and a.id = s.account_id
    left join t on t.account_id = s.account_id
    left join act on act.account_id = s.account_id
    where s.workspace_id = ${workspaceId}
    order by s.id`.execute(db);
  return rows;
}

/**
 * The ARR bridge forecast for the current month and the `horizon − 1` after it: today's
 * contracted ARR less the churn expected at each renewal (renewal probability learnt from the
 * workspace's past terms by segment and interval, adjusted by risk signals) plus the new and
 * expansion ARR the open pipeline is expected to bring (deal model). Amounts in reporting
 * currency major units.
 */
export async function forecastArr(
  db: Db,
  workspaceId: string,
  query: { horizon?: string | number },
  opts: { forecast: DealForecast; now?: Date },
) {
  const { horizon } = parseArrQuery(query);
  const now = opts.now ?? new Date(opts.forecast.now);
  const fw = opts.forecast.fw;
  const ws = fw.ws;
  const today = todayIn(ws.timezone, now);
  const counting = new Set<string>(ws.settings.mrr_statuses);

  const rows = await loadSubscriptions(db, workspaceId, now);
  const history: TermHistory[] = [];
  const live: Array<{ row: (typeof rows)[number]; interval: TermInterval; startedOn: string }> = [];
  for (const row of rows) {
    const interval = asInterval(row.billing_interval);
    const startedOn = fw.dayOf(new Date(row.started_at).getTime());
    if (startedOn >= today) {
      if (row.status !== null && counting.has(row.status)) live.push({ row, interval, startedOn });
      continue;
    }
    // Ended: its ended_at when past, else when its latest version canceled it. Subscriptions in
    // another status that does not count (trialing, paused, incomplete, unpaid) are left out.
    const endedAt =
      row.ended_at !== null && new Date(row.ended_at) <= now
        ? new Date(row.ended_at)
        : row.status === "canceled" && row.version_at !== null
          ? new Date(row.version_at)
          : null;
    if (endedAt !== null) {
      const endDay = fw.dayOf(endedAt.getTime());
      history.push({
        segment: row.segment,
        interval,
        renewed: termsEndedBefore(startedOn, interval, endDay),
        churned: 1,
      });
    } else if (row.status !== null && counting.has(row.status)) {
      history.push({
        segment: row.segment,
        interval,
        renewed: termsEndedBefore(startedOn, interval, today),
        churned: 0,
      });
      live.push({ row, interval, startedOn });
    }
  }
  const rates = learnRenewalRates(history);

  const subscriptions: BridgeSubscription[] = [];
  for (const { row, interval, startedOn } of live) {
    const mrr = Number(row.mrr_minor ?? 0);
    if (mrr <= 0 || row.currency === null) continue;
    const future = (v: Date | string | null) =>
      v !== null && new Date(v) > now ? fw.dayOf(new Date(v).getTime()) : null;
    const scheduledEnd = future(row.cancel_at) ?? future(row.ended_at);
    const { probability, reasons } = adjustForRisk(rates.probability(row.segment, interval), {
      scheduledEnd,
      pastDue: row.status === "past_due",
      urgentTickets: Number(row.urgent_tickets),
      recentActivities: Number(row.recent_activities),
      priorActivities: Number(row.prior_activities),
    });
    subscriptions.push({
      id: row.id,
      accountId: row.account_id,
      account: row.account ?? row.account_id,
      arr: fw.convert(mrr * 12, row.currency, today),
      startedOn,
      interval,
      renewalDate: scheduledEnd ?? nextTermEnd(startedOn, interval, today),
      probability,
      reasons,
      ends: scheduledEnd !== null,
    });
  }

  const dealsById = new Map(opts.forecast.deals.map((d) => [d.id, d]));
  const deals: BridgeDeal[] = [];
  for (const p of opts.forecast.predictions) {
    const type = dealsById.get(p.id)?.type ?? "new";
    if (type === "renewal" || p.amount <= 0) continue;
    deals.push({
      kind: type === "expansion" ? "expansion" : "new",
      arr: p.amount,
      probability: p.probability,
      expectedClose: p.expectedClose,
    });
  }

  const months: Period[] = [periodOf(today, "month")];
  while (months.length < horizon) months.push(nextPeriod(months[months.length - 1], "month"));
  const bridge = arrBridge(months, subscriptions, deals);

  const scale = 10 ** minorDigits(ws.currency);
  const money = (v: number) => Math.round(v) / scale;
  const terms = history.reduce((s, h) => s + h.renewed + h.churned, 0);
  return {
    currency: ws.currency,
    as_of: today,
    horizon,
    through: months[months.length - 1].end,
    contracted: money(bridge.contracted),
    subscriptions: subscriptions.length,
    open_deals: deals.length,
    deal_method: opts.forecast.model.method,
    renewal_history: {
      terms,
      note:
        terms < 20
          ? `${terms} past subscription terms: renewal probabilities lean on the smoothing prior`
          : null,
      rates: rates.table.map((r) => ({ ...r, probability: round4(r.probability) })),
    },
    months: bridge.months.map((m) => ({
      period: m.period,
      contracted: money(m.contracted),
      expected_churn: money(m.expected_churn),
      expected_new: money(m.expected_new),
      expected_expansion: money(m.expected_expansion),
      forecast: money(m.forecast),
      renewals_due: { count: m.renewals_due.count, arr: money(m.renewals_due.arr) },
    })),
    riskiest_renewals: bridge.riskiest.map((r) => ({
      ...r,
      arr: money(r.arr),
      expected_loss: money(r.expected_loss),
      probability: round4(r.probability),
    })),
  };
}

const round4 = (v: number) => Math.round(v * 10_000) / 10_000;
