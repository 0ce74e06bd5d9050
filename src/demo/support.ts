import type { ContactPlan } from "./contacts.ts";
import type { Foundation } from "./foundation.ts";
import type { Segment } from "./plan.ts";
import type { Random } from "./random.ts";
import { demoRecord, emit, mintId, type Tables } from "./rows.ts";
import type { AccountStory } from "./story-types.ts";
import { DAY, HOUR, iso, officeTime } from "./time.ts";

const TICKETS_A_MONTH: Record<Segment, number> = { smb: 0.3, mid_market: 0.9, enterprise: 2.2 };
const PRIORITY = { low: 0.25, normal: 0.5, high: 0.18, urgent: 0.07 };
/** Median hours to the first reply and from it to the fix, by priority. */
const RESPONSE: Record<string, [number, number]> = {
  urgent: [0.3, 8],
  high: [2, 30],
  normal: [6, 72],
  low: [20, 120],
};
const SUBJECTS = [
  "Salesforce sync stopped updating opportunities",
  "How do I add seats to our plan?",
  "Dashboard shows a different ARR than finance",
  "SSO login fails for new users",
  "Invoice address needs updating",
  "CSV import rejects some rows",
  "Forecast page loads slowly",
  "Request: export pipeline to Google Sheets",
  "Duplicate contacts after HubSpot import",
  "API rate limit errors in our integration",
  "Question about the renewal quote",
  "Webhook deliveries failing",
];

/**
 * Support tickets while an account is a customer; accounts about to churn open more of them,
 * and more urgent ones, in their last three months.
 */
export function ticketRows(
  f: Foundation,
  random: Random,
  story: AccountStory,
  contacts: ContactPlan[],
  out: Tables,
) {
  const { now } = f.plan;
  const p = story.profile;
  const agents = f.people.byRole.get("cs_ops")!;
  let n = 0;
  const ticket = (near: number, priority: string) => {
    const openedAt = officeTime(random, near, p.offset);
    if (openedAt > now) return;
    const [reply, fix] = RESPONSE[priority];
    const firstResponse = openedAt + random.logNormal(reply, 0.7) * HOUR;
    const solved = firstResponse + random.logNormal(fix, 0.8) * HOUR;
    const status =
      solved <= now
        ? now - solved > 7 * DAY
          ? "closed"
          : "solved"
        : firstResponse <= now
          ? random.weighted({ open: 0.5, pending: 0.35, on_hold: 0.15 })
          : "new";
    const done = status === "closed" || status === "solved";
    const known = contacts.filter((c) => c.createdAt <= openedAt);
    n++;
    emit(
      out,
      "tickets",
      demoRecord(
        mintId("tickets", openedAt),
        `${p.key}-k${n}`,
        openedAt,
        Math.min(now, done ? solved : firstResponse),
        {
          subject: random.pick(SUBJECTS),
          status,
          priority,
          channel: random.weighted({ email: 0.45, chat: 0.25, web: 0.2, phone: 0.1 }),
          opened_at: iso(openedAt),
          first_response_at: firstResponse <= now ? iso(firstResponse) : null,
          solved_at: done ? iso(solved) : null,
          satisfaction: done
            ? random.weighted({ good: 0.7, bad: 0.08, offered: 0.12, unoffered: 0.1 })
            : null,
          account_id: p.id,
          contact_id: (known.length > 0 ? random.pick(known) : contacts[0]).id,
          assignee_id: random.chance(0.5) ? p.csm.id : random.pick(agents).id,
        },
      ),
    );
  };
  for (const [from, to] of story.customerSpans) {
    const months = (to - from) / (30 * DAY);
    const times: number[] = [];
    for (let i = random.poisson(TICKETS_A_MONTH[p.segment] * months); i > 0; i--)
      times.push(random.between(from, to));
    times.sort((a, b) => a - b);
    for (const t of times) ticket(t, random.weighted(PRIORITY));
    if (to < now) {
      for (let i = random.poisson(2); i > 0; i--)
        ticket(to - random.between(5, 90) * DAY, random.pick(["high", "urgent"]));
    }
  }
}
