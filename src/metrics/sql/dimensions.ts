import { type RawBuilder, sql } from "kysely";
import { AppError } from "../../errors/app-error.ts";

/** The record a KPI counts, whose attributes (and its account's) it can be sliced by. */
export type Entity = "account" | "opportunity" | "cost" | "contact" | "ticket";

export const DIMENSIONS = {
  segment: "the account's segment",
  region: "the account's region",
  country: "the account's country",
  industry: "the account's industry",
  owner: "the owner (user) of the record counted",
  team: "the team of that owner",
  partner: "the partner on the record",
  campaign:
    "the campaign: an opportunity's source campaign, a contact's original campaign, a cost's campaign, a customer's acquiring campaign (source of its first won new-business deal)",
  channel: "the channel of that campaign",
  type: "the opportunity type (new, expansion, renewal)",
  pipeline: "the opportunity pipeline",
  category: "the cost category",
  lead_source: "the contact's lead source",
  priority: "the ticket priority",
  ticket_channel: "the channel a ticket came in through",
} as const;
export type Dimension = keyof typeof DIMENSIONS;

/** Dimensions whose values are record ids; their groups carry the record's name as `label`. */
export const ID_DIMENSIONS: Partial<Record<Dimension, string>> = {
  owner: "users",
  team: "teams",
  partner: "partners",
  campaign: "campaigns",
};

export interface DimensionSql {
  expr: RawBuilder<unknown>;
  joins: RawBuilder<unknown>[];
}

const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);
const join = (text: string) => sql.raw(text);

const ACCOUNT_FIELDS = new Set(["segment", "region", "country", "industry"]);
const ENTITY_DIMENSIONS: Record<Entity, Dimension[]> = {
  account: ["segment", "region", "country", "industry", "owner", "team", "partner", "campaign", "channel"],
  opportunity: [
    "segment",
    "region",
    "country",
    "industry",
    "owner",
    "team",
    "partner",
    "campaign",
    "channel",
    "type",
    "pipeline",
  ],
  cost: ["campaign", "channel", "category"],
  contact: [
    "segment",
    "region",
    "country",
    "industry",
    "owner",
    "team",
    "campaign",
    "channel",
    "lead_source",
  ],
  ticket: [
    "segment",
    "region",
    "country",
    "industry",
    "owner",
    "team",
    "partner",
    "priority",
    "ticket_channel",
  ],
};

export function entityDimensions(entity: Entity): Dimension[] {
  return ENTITY_DIMENSIONS[entity];
}

/**
 * SQL for one dimension of an entity's rows. Base aliases: `a` accounts (always joined for
 * account, opportunity, contact and ticket rows), `o` opportunities, `c` costs, `ct` contacts,
 * `t` tickets. Extra joins are named after the dimension so two dimensions never clash.
 */
export function dimensionSql(entity: Entity, dim: Dimension, tag = "g"): DimensionSql {
  if (!ENTITY_DIMENSIONS[entity].includes(dim)) {
    throw new AppError("bad_request", `by: cannot slice ${entity} records by ${dim}`, { field: "by" });
  }
  if (ACCOUNT_FIELDS.has(dim)) return { expr: ref("a", dim), joins: [] };
  const owner = { account: "a", opportunity: "o", contact: "ct", ticket: "a", cost: "" }[entity];
  const base = { account: "a", opportunity: "o", contact: "ct", ticket: "t", cost: "c" }[entity];
  const u = `${tag}_u`;
  const cp = `${tag}_cp`;
  switch (dim) {
    case "owner":
      return { expr: ref(owner, "owner_id"), joins: [] };
    case "team":
      return {
        expr: ref(u, "team_id"),
        joins: [
          join(
            `left join users ${u} on ${u}.workspace_id = ${owner}.workspace_id and ${u}.id = ${owner}.owner_id`,
          ),
        ],
      };
    case "partner":
      return { expr: ref(entity === "opportunity" ? "o" : "a", "partner_id"), joins: [] };
    case "type":
    case "pipeline":
      return { expr: ref("o", dim), joins: [] };
    case "category":
      return { expr: ref("c", "category"), joins: [] };
    case "lead_source":
      return { expr: ref("ct", "lead_source"), joins: [] };
    case "priority":
      return { expr: ref("t", "priority"), joins: [] };
    case "ticket_channel":
      return { expr: ref("t", "channel"), joins: [] };
    case "campaign":
    case "channel": {
      const joins: RawBuilder<unknown>[] = [];
      let campaignId: string;
      if (entity === "opportunity") campaignId = "o.source_campaign_id";
      else if (entity === "cost") campaignId = "c.campaign_id";
      else if (entity === "contact") campaignId = "ct.original_campaign_id";
      else {
        // A customer's acquiring campaign: the source of its first won new-business deal.
        const acq = `${tag}_acq`;
        joins.push(
          join(`left join lateral (select x.source_campaign_id from opportunities x
            where x.workspace_id = a.workspace_id and x.account_id = a.id and x.status = 'won' and x.type = 'new'
            order by x.closed_at, x.id limit 1) ${acq} on true`),
        );
        campaignId = `${acq}.source_campaign_id`;
      }
      if (dim === "campaign") return { expr: sql.raw(campaignId), joins };
      joins.push(
        join(
          `left join campaigns ${cp} on ${cp}.workspace_id = ${base}.workspace_id and ${cp}.id = ${campaignId}`,
        ),
      );
      return { expr: ref(cp, "channel"), joins };
    }
    default:
      return { expr: ref("a", dim), joins: [] };
  }
}
