/**
 * What each role lands on: the lists and totals it works from, declared as data. Parameters
 * are list filters (as in the grid's URL); `$me`, `$today`, `$now`, `$month_start`,
 * `$month_end` and `$in_90_days` are filled in when the page opens.
 */
export type HomeSection =
  | { kind: "list"; title: string; object: string; params: Record<string, string>; columns?: string[] }
  | {
      kind: "totals";
      title: string;
      object: string;
      groupBy: string;
      sum?: string;
      params: Record<string, string>;
    }
  | { kind: "links"; title: string; links: Array<{ label: string; to: string }> };

export interface RoleHome {
  title: string;
  intro: string;
  sections: HomeSection[];
}

const OPEN_TICKETS = "new,open,pending,on_hold";
const openPipeline = (params: Record<string, string> = {}): HomeSection => ({
  kind: "totals",
  title: "Open pipeline by stage",
  object: "opportunities",
  groupBy: "stage",
  sum: "amount_minor",
  params: { status: "open", ...params },
});

const DASHBOARD_LABELS = {
  executive: "Executive dashboard",
  marketing: "Marketing dashboard",
  sales: "Sales dashboard",
  success: "Customer success dashboard",
} as const;
/** Links to the KPI dashboards (web/src/dashboards), the role's own first. */
const dashboards = (...which: Array<keyof typeof DASHBOARD_LABELS>): HomeSection => ({
  kind: "links",
  title: "Dashboards",
  links: which.map((d) => ({ label: DASHBOARD_LABELS[d], to: `/dashboards/${d}` })),
});

const HOMES: Record<string, RoleHome> = {
  admin: {
    title: "Workspace administration",
    intro: "People, access and the state of the data.",
    sections: [
      {
        kind: "links",
        title: "Administer",
        links: [
          { label: "Overview of every object", to: "/overview" },
          { label: "Users", to: "/users" },
          { label: "Teams", to: "/teams" },
          { label: "API reference", to: "/docs" },
        ],
      },
      {
        kind: "list",
        title: "Recently changed accounts",
        object: "accounts",
        params: { sort: "-updated_at" },
      },
      openPipeline(),
      dashboards("executive", "marketing", "sales", "success"),
    ],
  },
  revops_manager: {
    title: "Revenue at a glance",
    intro: "Pipeline, what closes this month and where revenue is at risk.",
    sections: [
      dashboards("executive", "sales", "marketing", "success"),
      openPipeline(),
      {
        kind: "list",
        title: "Closing this month",
        object: "opportunities",
        params: {
          status: "open",
          "close_date[gte]": "$month_start",
          "close_date[lte]": "$month_end",
          sort: "close_date",
        },
      },
      {
        kind: "totals",
        title: "Subscriptions by status (MRR)",
        object: "subscriptions",
        groupBy: "status",
        sum: "mrr_minor",
        params: {},
      },
      {
        kind: "list",
        title: "Past-due subscriptions",
        object: "subscriptions",
        params: { status: "past_due" },
      },
    ],
  },
  revenue_analyst: {
    title: "Analysis",
    intro: "Clean, joined data to slice: open any list as a grid, group it and add computed columns.",
    sections: [
      {
        kind: "totals",
        title: "Won bookings by pipeline",
        object: "opportunities",
        groupBy: "pipeline",
        sum: "amount_minor",
        params: { status: "won" },
      },
      {
        kind: "totals",
        title: "Accounts by lifecycle stage",
        object: "accounts",
        groupBy: "lifecycle_stage",
        params: {},
      },
      {
        kind: "links",
        title: "Data",
        links: [
          { label: "Accounts grid", to: "/accounts" },
          { label: "Opportunities grid", to: "/opportunities" },
          { label: "Subscriptions grid", to: "/subscriptions" },
          { label: "Every object", to: "/overview" },
        ],
      },
      { kind: "list", title: "Latest invoices", object: "invoices", params: { sort: "-issued_at" } },
      dashboards("executive", "marketing", "sales", "success"),
    ],
  },
  sales_ops: {
    title: "Pipeline operations",
    intro: "Stage health, stale deals and deals nobody owns.",
    sections: [
      openPipeline(),
      {
        kind: "list",
        title: "Open deals past their close date",
        object: "opportunities",
        params: { status: "open", "close_date[lt]": "$today", sort: "close_date" },
      },
      {
        kind: "list",
        title: "Open deals without an owner",
        object: "opportunities",
        params: { status: "open", "owner_id[null]": "true" },
      },
      {
        kind: "links",
        title: "Work",
        links: [
          { label: "Pipeline board", to: "/pipeline" },
          { label: "Targets", to: "/targets" },
        ],
      },
      dashboards("sales", "executive"),
    ],
  },
  marketing_ops: {
    title: "Marketing",
    intro: "Campaigns, touchpoints and the leads they bring.",
    sections: [
      dashboards("marketing", "executive"),
      {
        kind: "totals",
        title: "Contacts by lifecycle stage",
        object: "contacts",
        groupBy: "lifecycle_stage",
        params: {},
      },
      {
        kind: "list",
        title: "Active campaigns",
        object: "campaigns",
        params: { status: "active", sort: "-spend_minor" },
      },
      {
        kind: "list",
        title: "New MQLs",
        object: "contacts",
        params: { lifecycle_stage: "mql", sort: "-updated_at" },
      },
      { kind: "list", title: "Latest touchpoints", object: "touchpoints", params: { sort: "-occurred_at" } },
    ],
  },
  cs_ops: {
    title: "Customer success",
    intro: "Renewals coming up, subscriptions at risk and tickets that need an answer.",
    sections: [
      dashboards("success", "executive"),
      {
        kind: "totals",
        title: "Open tickets by priority",
        object: "tickets",
        groupBy: "priority",
        params: { "status[in]": OPEN_TICKETS },
      },
      {
        kind: "list",
        title: "Renewals in the next 90 days",
        object: "opportunities",
        params: { type: "renewal", status: "open", "close_date[lte]": "$in_90_days", sort: "close_date" },
      },
      {
        kind: "list",
        title: "Urgent open tickets",
        object: "tickets",
        params: { priority: "urgent", "status[in]": OPEN_TICKETS },
      },
      {
        kind: "list",
        title: "Past-due subscriptions",
        object: "subscriptions",
        params: { status: "past_due" },
      },
    ],
  },
  finance: {
    title: "Finance",
    intro: "What is billed, what is overdue, what failed and what went back.",
    sections: [
      dashboards("executive", "success"),
      {
        kind: "totals",
        title: "Invoices by status",
        object: "invoices",
        groupBy: "status",
        sum: "total_minor",
        params: {},
      },
      {
        kind: "list",
        title: "Overdue invoices",
        object: "invoices",
        params: { status: "open", "due_at[lt]": "$now", sort: "due_at" },
      },
      {
        kind: "list",
        title: "Failed payments",
        object: "payments",
        params: { status: "failed", sort: "-attempted_at" },
      },
      { kind: "list", title: "Latest refunds", object: "refunds", params: { sort: "-refunded_at" } },
    ],
  },
  partner_ops: {
    title: "Partners",
    intro: "Partner-sourced pipeline and how each partner performs.",
    sections: [
      { ...openPipeline({ "partner_id[null]": "false" }), title: "Partner pipeline by stage" } as HomeSection,
      {
        kind: "list",
        title: "Partner deals won",
        object: "opportunities",
        params: { "partner_id[null]": "false", status: "won", sort: "-closed_at" },
      },
      {
        kind: "list",
        title: "Active partners",
        object: "partners",
        params: { status: "active", sort: "name" },
      },
      dashboards("sales"),
    ],
  },
  sales_rep: {
    title: "My work",
    intro: "Your open deals and tasks.",
    sections: [
      {
        kind: "list",
        title: "My open deals",
        object: "opportunities",
        params: { owner_id: "$me", status: "open", sort: "close_date" },
        columns: ["name", "stage", "amount_minor", "close_date"],
      },
      {
        kind: "list",
        title: "My open tasks",
        object: "activities",
        params: { owner_id: "$me", kind: "task", "completed_at[null]": "true", sort: "due_at" },
        columns: ["subject", "due_at", "account_id"],
      },
      { ...openPipeline({ owner_id: "$me" }), title: "My pipeline by stage" } as HomeSection,
      dashboards("sales"),
    ],
  },
  viewer: {
    title: "Revline",
    intro: "Everything here is read-only for your role.",
    sections: [
      {
        kind: "links",
        title: "Browse",
        links: [
          { label: "Overview of every object", to: "/overview" },
          { label: "Pipeline board", to: "/pipeline" },
        ],
      },
      { kind: "list", title: "Newest accounts", object: "accounts", params: { sort: "-created_at" } },
      openPipeline(),
      dashboards("executive"),
    ],
  },
};

export function roleHome(role: string): RoleHome {
  return HOMES[role] ?? HOMES.viewer;
}

export const ROLES_WITH_HOMES = Object.keys(HOMES);

/** Fills `$me` and the date placeholders; null when a value is needed that is not there (`$me` for an API key). */
export function fillParams(
  params: Record<string, string>,
  me: string | null,
  now = new Date(),
): Record<string, string> | null {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const values: Record<string, string | null> = {
    $me: me,
    $today: day(now),
    $now: now.toISOString(),
    $month_start: day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))),
    $month_end: day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0))),
    $in_90_days: day(new Date(now.getTime() + 90 * 86_400_000)),
  };
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const filled = value in values ? values[value] : value;
    if (filled === null) return null;
    out[key] = filled;
  }
  return out;
}
