import type { ContactPlan } from "./contacts.ts";
import type { Foundation } from "./foundation.ts";
import type { Random } from "./random.ts";
import { demoRecord, emit, mintId, type Row, type Tables } from "./rows.ts";
import type { AccountStory, Deal } from "./story-types.ts";
import { addMonths, DAY, HOUR, iso, officeTime } from "./time.ts";

type Kind = "email" | "call" | "meeting" | "note" | "task";
type Step = [kind: Kind, direction: "inbound" | "outbound" | null, subject: string];

const PLAYBOOK: Record<string, Step[]> = {
  prospecting: [
    ["email", "outbound", "Intro: Acme Cloud for {company}"],
    ["call", "outbound", "Prospecting call"],
    ["email", "outbound", "Following up on my note"],
  ],
  qualification: [
    ["call", "outbound", "Qualification call"],
    ["meeting", null, "Discovery call"],
    ["note", null, "Qualification notes: budget, authority, need, timeline"],
  ],
  discovery: [
    ["meeting", null, "Product demo"],
    ["email", "outbound", "Demo recap and next steps"],
    ["email", "inbound", "Re: Demo recap and next steps"],
  ],
  proposal: [
    ["email", "outbound", "Proposal for {company}"],
    ["meeting", null, "Proposal review"],
    ["task", null, "Follow up on the proposal"],
  ],
  negotiation: [
    ["email", "inbound", "Re: Contract redlines"],
    ["call", "outbound", "Pricing discussion"],
    ["task", null, "Send the order form for signature"],
  ],
};

/**
 * Sales and customer-success work as it shows in a CRM: a playbook of emails, calls, meetings,
 * notes and tasks in every stage of every deal, prospecting for outbound accounts, onboarding,
 * check-ins and business reviews for customers. Calls connect more often near the contact's
 * best hour, so "when to call" can be learnt from the data.
 */
export function activityRows(
  f: Foundation,
  random: Random,
  story: AccountStory,
  contacts: ContactPlan[],
  out: Tables,
) {
  const { now } = f.plan;
  const p = story.profile;
  let n = 0;
  const log = (kind: Kind, direction: string | null, subject: string, near: number, extra: Row = {}) => {
    const hour = random.int(8, 17);
    const at = officeTime(random, near, p.offset, hour);
    if (at > now || at < p.createdAt) return;
    const known = contacts.filter((c) => c.createdAt <= at);
    const contact = known.length > 0 ? random.pick(known) : contacts[0];
    n++;
    const text = subject.replace("{company}", p.name);
    emit(
      out,
      "activities",
      demoRecord(mintId("activities", at), `${p.key}-a${n}`, at, at, {
        kind,
        direction,
        subject: text,
        body: kind === "note" ? `${text}. Logged by the account owner.` : null,
        occurred_at: iso(at),
        ...details(random, kind, at, hour, contact, now),
        account_id: p.id,
        contact_id: contact.id,
        opportunity_id: null,
        owner_id: p.owner.id,
        ...extra,
      }),
    );
  };

  if (p.channel === "outbound") {
    for (let i = random.poisson(4); i > 0; i--) {
      log(
        random.chance(0.6) ? "email" : "call",
        "outbound",
        "Intro: Acme Cloud for {company}",
        p.createdAt + random.between(0, 21) * DAY,
      );
    }
  }
  for (const deal of story.deals) dealActivities(random, deal, now, log);
  for (const [from, to] of story.customerSpans) {
    const cs = { owner_id: p.csm.id };
    log("meeting", null, "Onboarding kickoff", from + random.int(3, 10) * DAY, cs);
    for (let month = 1; addMonths(from, month) < to; month++) {
      const at = addMonths(from, month);
      if (random.chance(0.6)) log("email", "outbound", "Monthly check-in", at, cs);
      if (p.segment !== "smb" && month % 3 === 0)
        log("meeting", null, "Quarterly business review", at + 7 * DAY, cs);
    }
  }
}

type Log = (kind: Kind, direction: string | null, subject: string, near: number, extra?: Row) => void;

function dealActivities(random: Random, deal: Deal, now: number, log: Log): void {
  const { snapshots, status, endsAt, lossReason } = deal.outcome;
  const link = { opportunity_id: deal.id, owner_id: deal.owner.id };
  for (let i = 0; i < snapshots.length; i++) {
    const stage = snapshots[i].stage;
    if (i > 0 && snapshots[i - 1].stage === stage) continue;
    const next = snapshots.slice(i + 1).find((s) => s.stage !== stage);
    const to = Math.min(next?.at ?? endsAt, now);
    for (const [kind, direction, subject] of PLAYBOOK[stage] ?? []) {
      if (random.chance(0.8)) log(kind, direction, subject, random.between(snapshots[i].at, to), link);
    }
  }
  const last = snapshots[snapshots.length - 1];
  if (status === "won") log("note", null, "Closed won: handing over to Customer Success", last.at, link);
  if (status === "lost") log("note", null, `Closed lost: ${lossReason}`, last.at, link);
}

function details(
  random: Random,
  kind: Kind,
  at: number,
  hour: number,
  contact: ContactPlan,
  now: number,
): Row {
  if (kind === "call") {
    const distance = hour - contact.bestHour;
    const connected = random.chance(0.2 + 0.5 * Math.exp(-(distance * distance) / 2));
    const outcome = connected ? "connected" : random.chance(0.5) ? "left_voicemail" : "no_answer";
    const seconds = connected
      ? Math.round(random.logNormal(480, 0.6))
      : outcome === "left_voicemail"
        ? random.int(20, 60)
        : 0;
    return { due_at: null, completed_at: iso(at), duration_seconds: seconds, outcome };
  }
  if (kind === "meeting") {
    const outcome = random.weighted({ held: 0.88, no_show: 0.07, rescheduled: 0.05 });
    return {
      due_at: null,
      completed_at: iso(at),
      duration_seconds: random.pick([1800, 2700, 3600]),
      outcome,
    };
  }
  if (kind === "task") {
    const due = at + random.int(2, 5) * DAY;
    const done = due <= now && random.chance(0.9);
    return {
      due_at: iso(due),
      completed_at: done ? iso(due - random.int(1, 30) * HOUR) : null,
      duration_seconds: null,
      outcome: done ? "completed" : null,
    };
  }
  return { due_at: null, completed_at: iso(at), duration_seconds: null, outcome: null };
}
