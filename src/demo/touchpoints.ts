import type { Campaign, Channel } from "./campaigns.ts";
import type { ContactPlan } from "./contacts.ts";
import type { Foundation } from "./foundation.ts";
import type { Random } from "./random.ts";
import { demoRecord, emit, mintId, type Tables } from "./rows.ts";
import type { AccountStory } from "./story-types.ts";
import { DAY, HOUR, iso, MINUTE } from "./time.ts";

type Kind =
  | "web_visit"
  | "form_fill"
  | "webinar_registration"
  | "webinar_attendance"
  | "email_open"
  | "email_click"
  | "ad_click"
  | "event"
  | "content_download";

interface Touch {
  kind: Kind;
  at: number;
  campaign: Campaign | undefined;
}

const SITE = "https://acme-cloud.example";
const PAGES = [
  "/",
  "/pricing",
  "/product",
  "/customers",
  "/integrations",
  "/blog/revops-metrics",
  "/blog/forecasting",
];
const FIRST_TOUCH: Record<Channel, Kind> = {
  paid_search: "ad_click",
  paid_social: "ad_click",
  display: "ad_click",
  content: "content_download",
  webinar: "webinar_registration",
  event: "event",
  seo: "web_visit",
  direct: "web_visit",
  referral: "web_visit",
  partner: "form_fill",
  outbound: "email_open",
  email: "email_click",
};
const UTM: Partial<Record<Channel, [string, string]>> = {
  paid_search: ["google", "cpc"],
  paid_social: ["linkedin", "paid_social"],
  display: ["google", "display"],
  email: ["newsletter", "email"],
  outbound: ["outreach", "email"],
  partner: ["partner", "referral"],
};

/**
 * Marketing touches of each contact: the first touch that brought them in, nurture between
 * stages, the conversion touch at MQL (a demo request, a webinar, a download), visits while a
 * deal is open, and newsletters and webinars once they are customers.
 */
export function touchpointRows(
  f: Foundation,
  random: Random,
  story: AccountStory,
  contacts: ContactPlan[],
  out: Tables,
) {
  const { now } = f.plan;
  const at = (channel: Channel, t: number) => f.campaigns.at(channel, t, random);
  for (const contact of contacts) {
    const touches: Touch[] = [];
    const add = (kind: Kind, t: number, campaign: Campaign | undefined) => {
      if (t <= now && t >= contact.createdAt) touches.push({ kind, at: t, campaign });
    };
    const nurture = (from: number, to: number, count: number) => {
      for (let i = 0; i < count; i++) {
        const t = random.between(from, Math.min(to, now));
        const kind = random.weighted({
          web_visit: 0.45,
          email_open: 0.3,
          email_click: 0.15,
          content_download: 0.1,
        });
        const channel: Channel =
          kind === "content_download"
            ? "content"
            : kind === "web_visit"
              ? random.pick(["seo", "direct"] as const)
              : "email";
        add(kind, t, kind === "web_visit" && random.chance(0.5) ? undefined : at(channel, t));
      }
    };
    if (contact.campaign) {
      const first = contact.champion
        ? FIRST_TOUCH[story.profile.channel]
        : FIRST_TOUCH[contact.campaign.channel];
      add(first, contact.createdAt, contact.campaign);
      if (first === "webinar_registration" && random.chance(0.6))
        add("webinar_attendance", contact.campaign.end + 16 * HOUR, contact.campaign);
      if (first === "email_open" && random.chance(0.5))
        add("email_click", contact.createdAt + random.int(2, 90) * MINUTE, contact.campaign);
    }
    let previous = contact.createdAt;
    for (const stage of contact.stages) {
      if (stage.at > previous) nurture(previous, stage.at, random.poisson(contact.champion ? 1.5 : 0.8));
      if (stage.stage === "mql") {
        const kind = random.weighted({ form_fill: 0.6, webinar_attendance: 0.2, content_download: 0.2 });
        const channel: Channel =
          kind === "form_fill" ? "direct" : kind === "webinar_attendance" ? "webinar" : "content";
        add(kind, stage.at - random.int(1, 30) * MINUTE, at(channel, stage.at));
      }
      if (stage.stage === "sql" && random.chance(0.5))
        add("web_visit", stage.at - random.int(1, 48) * HOUR, undefined);
      previous = stage.at;
    }
    for (const [from, to] of story.customerSpans) {
      nurture(from, to, random.poisson(((to - from) / (30 * DAY)) * (contact.champion ? 0.3 : 0.15)));
    }
    if (!contact.campaign && contact.stages.length === 1)
      nurture(contact.createdAt, contact.createdAt + 120 * DAY, random.poisson(1));
    touches.sort((a, b) => a.at - b.at);
    touches.forEach((touch, i) => {
      emitTouch(out, story, contact, touch, i);
    });
  }
}

function emitTouch(out: Tables, story: AccountStory, contact: ContactPlan, touch: Touch, i: number) {
  const c = touch.campaign;
  const utm =
    c && (touch.kind === "ad_click" || touch.kind === "email_click" || touch.kind === "form_fill")
      ? UTM[c.channel]
      : undefined;
  const url =
    touch.kind === "web_visit"
      ? `${SITE}${PAGES[i % PAGES.length]}`
      : touch.kind === "form_fill"
        ? `${SITE}/demo`
        : touch.kind === "content_download"
          ? `${SITE}/resources/${c?.slug ?? "revops-guide"}`
          : touch.kind.startsWith("webinar")
            ? `${SITE}/webinars/${c?.slug ?? "live"}`
            : touch.kind === "ad_click" || touch.kind === "email_click"
              ? `${SITE}/lp/${c?.slug ?? "offer"}`
              : null;
  emit(
    out,
    "touchpoints",
    demoRecord(mintId("touchpoints", touch.at), `${contact.key}-t${i + 1}`, touch.at, touch.at, {
      kind: touch.kind,
      occurred_at: iso(Math.round(touch.at)),
      contact_id: contact.id,
      account_id: story.profile.id,
      campaign_id: c?.id ?? null,
      url,
      utm_source: utm?.[0] ?? null,
      utm_medium: utm?.[1] ?? null,
      utm_campaign: utm ? c!.slug : null,
    }),
  );
}
