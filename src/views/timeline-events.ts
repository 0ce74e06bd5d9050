/** The teams whose work shows on an account's timeline, in the order the legend shows them. */
export const TIMELINE_TEAMS = [
  "marketing",
  "sales",
  "communication",
  "support",
  "finance",
  "partner",
  "lifecycle",
] as const;
export type TimelineTeam = (typeof TIMELINE_TEAMS)[number];

/** One row of the timeline query: what happened, to which record, with a few raw values. */
export interface TimelineRow {
  at: Date | string;
  team: TimelineTeam;
  kind: string;
  event_id: string;
  object: string;
  record_id: string;
  name: string | null;
  a: string | null;
  b: string | null;
  status: string | null;
  amount_minor: number | string | null;
  currency: string | null;
}

export interface TimelineEvent {
  id: string;
  at: string;
  team: TimelineTeam;
  kind: string;
  title: string;
  detail: string | null;
  /** The record to open: object key and id. */
  object: string;
  record_id: string;
  amount_minor: number | null;
  currency: string | null;
}

const label = (value: string | null | undefined): string =>
  value ? value.replaceAll("_", " ").replace(/^\w/, (c) => c.toUpperCase()) : "—";
const STAGE_NAMES: Record<string, string> = { mql: "MQL", sql: "SQL" };
const stage = (value: string | null): string => (value && STAGE_NAMES[value]) ?? label(value).toLowerCase();
const join = (...parts: Array<string | null | undefined>) => parts.filter(Boolean).join(" · ") || null;

function describe(row: TimelineRow): { title: string; detail: string | null } {
  const { kind, name, a, b, status } = row;
  switch (kind) {
    case "touchpoint":
      return { title: join(label(name), a) ?? label(name), detail: b };
    case "lifecycle_account":
      return { title: `Account became ${stage(b)}`, detail: a ? `from ${stage(a)}` : null };
    case "lifecycle_contact":
      return {
        title: `Contact ${name ?? ""} became ${stage(b)}`.replace("  ", " "),
        detail: a ? `from ${stage(a)}` : null,
      };
    case "opportunity_opened":
      return { title: `Opportunity opened: ${name}`, detail: join(label(a), b ? `${b} pipeline` : null) };
    case "stage_change":
      if (/won/i.test(b ?? "")) return { title: `Won: ${name}`, detail: `${label(a)} → ${label(b)}` };
      if (/lost/i.test(b ?? "")) return { title: `Lost: ${name}`, detail: `${label(a)} → ${label(b)}` };
      return { title: `${name}: ${label(a)} → ${label(b)}`, detail: null };
    case "deal_updated":
      return { title: `${name}: amount or close date revised`, detail: label(b) };
    case "activity":
      return { title: `${label(a)}: ${name ?? "(no subject)"}`, detail: join(b, status) };
    case "ticket_opened":
      return { title: `Ticket opened: ${name}`, detail: join(a ? `${a} priority` : null, status) };
    case "ticket_solved":
      return { title: `Ticket solved: ${name}`, detail: null };
    case "subscription_version":
      if (name === "created")
        return { title: "Subscription started", detail: join(label(status), a ? `billed per ${a}` : null) };
      if (status === "canceled") return { title: "Subscription canceled", detail: null };
      return { title: "Subscription changed", detail: join(label(status), a ? `billed per ${a}` : null) };
    case "invoice":
      return { title: `Invoice ${name ?? ""} issued`.replace("  ", " "), detail: label(status) };
    case "payment":
      return { title: `Payment ${status ?? ""}`.trim(), detail: join(name, a) };
    case "refund":
      return { title: `Refund ${status ?? ""}`.trim(), detail: name };
    case "partner_account":
      return { title: `Partner ${name} works this account`, detail: null };
    case "partner_opportunity":
      return { title: `Partner ${name} on ${a}`, detail: null };
    case "partner_subscription":
      return { title: `Partner ${name} on the subscription`, detail: null };
    default:
      return { title: label(kind), detail: name };
  }
}

/** A timeline row as the API shows it: a sentence a person reads, and the record behind it. */
export function toEvent(row: TimelineRow): TimelineEvent {
  const { title, detail } = describe(row);
  return {
    id: row.event_id,
    at: row.at instanceof Date ? row.at.toISOString() : new Date(row.at).toISOString(),
    team: row.team,
    kind: row.kind,
    title,
    detail,
    object: row.object,
    record_id: row.record_id,
    amount_minor: row.amount_minor === null ? null : Number(row.amount_minor),
    currency: row.currency,
  };
}
