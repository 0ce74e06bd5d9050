import { AppError } from "../../errors/app-error.ts";
import { accountSummary, accountTimeline, TIMELINE_TEAMS, type TimelineTeam } from "../../views/index.ts";
import { type App, type AppContext, actorOf } from "../context.ts";

type Params = { Params: { id: string }; Querystring: { limit?: string; before?: string; teams?: string } };

function teamsOf(raw: string | undefined): TimelineTeam[] | undefined {
  if (!raw) return undefined;
  const teams = raw.split(",").map((t) => t.trim());
  const unknown = teams.find((t) => !(TIMELINE_TEAMS as readonly string[]).includes(t));
  if (unknown)
    throw new AppError("bad_request", `teams: "${unknown}" is not one of ${TIMELINE_TEAMS.join(", ")}`, {
      field: "teams",
    });
  return teams as TimelineTeam[];
}

/** An account's 360: one timeline of every team's events, and its headline numbers. */
export function registerTimelineRoutes(app: App, ctx: AppContext): void {
  const db = ctx.database.db;
  const read = { resource: "crm" as const, access: "read" as const };
  app.get<Params>("/api/accounts/:id/timeline", { config: read }, (request) =>
    accountTimeline(db, actorOf(request), request.params.id, {
      limit: request.query.limit === undefined ? undefined : Number(request.query.limit),
      before: request.query.before,
      teams: teamsOf(request.query.teams),
    }),
  );
  app.get<Params>("/api/accounts/:id/summary", { config: read }, (request) =>
    accountSummary(db, actorOf(request), request.params.id),
  );
}

const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const amounts = {
  type: "array",
  items: { type: "object", properties: { currency: { type: "string" }, amount_minor: { type: "integer" } } },
};

export const timelineOpenApi = {
  "/api/accounts/{id}/timeline": {
    get: {
      tags: ["Accounts"],
      summary: "Every team's events on one account, newest first",
      description:
        "Touchpoints and campaigns (marketing), opportunities and stage moves (sales), activities (communication), tickets (support), subscription versions, invoices, payments and refunds (finance), partner involvement (partner) and lifecycle transitions of the account and its contacts (lifecycle).",
      parameters: [
        idParam,
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
        {
          name: "before",
          in: "query",
          schema: { type: "string" },
          description: "next_cursor of the previous page",
        },
        {
          name: "teams",
          in: "query",
          schema: { type: "string" },
          description: `Comma-separated: ${TIMELINE_TEAMS.join(", ")}`,
        },
      ],
      responses: {
        "200": {
          description: "A page of events, and the number of events per team",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  data: {
                    type: "array",
                    items: {
                      type: "object",
                      properties: {
                        id: { type: "string" },
                        at: { type: "string", format: "date-time" },
                        team: { enum: TIMELINE_TEAMS },
                        kind: { type: "string" },
                        title: { type: "string" },
                        detail: { type: ["string", "null"] },
                        object: { type: "string" },
                        record_id: { type: "string" },
                        amount_minor: { type: ["integer", "null"] },
                        currency: { type: ["string", "null"] },
                      },
                    },
                  },
                  next_cursor: { type: ["string", "null"] },
                  counts: { type: "object", additionalProperties: { type: "integer" } },
                },
              },
            },
          },
        },
        "404": { description: "No such account in this workspace" },
      },
    },
  },
  "/api/accounts/{id}/summary": {
    get: {
      tags: ["Accounts"],
      summary: "ARR, open pipeline, last touch, health and lifecycle journey of an account",
      description:
        "ARR is 12 × the MRR of active and past-due subscriptions, per currency. Health starts at 100 and loses points for churn, no recent touch, open urgent tickets, overdue invoices, failed payments and past-due subscriptions (docs/web.md, Account 360).",
      parameters: [idParam],
      responses: {
        "200": {
          description: "The summary",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  arr: amounts,
                  open_pipeline: amounts,
                  last_touch: { type: ["object", "null"] },
                  health: {
                    type: "object",
                    properties: {
                      score: { type: "integer" },
                      grade: { enum: ["healthy", "watch", "at_risk"] },
                      reasons: { type: "array", items: { type: "object" } },
                    },
                  },
                  journey: { type: "array", items: { type: "object" } },
                },
              },
            },
          },
        },
        "404": { description: "No such account in this workspace" },
      },
    },
  },
};
