import { CLUSTER_STATUSES, DEDUPE_OBJECTS, RUN_OBJECTS } from "../../quality/dedupe/index.ts";
import { MERGE_OBJECTS } from "../../quality/merge/index.ts";

type Json = Record<string, unknown>;

const tags = ["Deduplication"];
const json = (schema: Json) => ({ "application/json": { schema } });
const ok = (description: string, schema: Json) => ({ description, content: json(schema) });
const errorRef = { $ref: "#/components/schemas/Error" };
const error = (description: string) => ({ description, content: json(errorRef) });
const idParam = (what: string) => ({
  name: "id",
  in: "path",
  required: true,
  description: what,
  schema: { type: "string" },
});
const q = (name: string, description: string, schema: Json) => ({ name, in: "query", description, schema });

const run = {
  type: "object",
  properties: {
    id: { type: "string" },
    object: { enum: RUN_OBJECTS },
    status: { enum: ["running", "done", "failed"] },
    stage: { type: "string", description: "loading, matching, storing, merging, done" },
    rows_total: { type: "integer" },
    rows_done: { type: "integer" },
    comparisons: { type: "integer", description: "Candidate pairs compared (after blocking)" },
    pairs: { type: "integer" },
    clusters: { type: "integer" },
    auto_merged: { type: "integer" },
    queued: { type: "integer", description: "Clusters left for review" },
    settings: { type: "object" },
    stats: { type: "object" },
    error: { type: ["string", "null"] },
    created_at: { type: "string", format: "date-time" },
    finished_at: { type: ["string", "null"], format: "date-time" },
  },
};
const evidence = {
  type: "object",
  description: "The engine's explanation: per field the two values, the agreement level, m, u and the weight",
  properties: {
    priorWeight: { type: "number" },
    dependenceWeight: { type: "number" },
    weight: { type: "number" },
    probability: { type: "number" },
    fields: {
      type: "array",
      items: {
        type: "object",
        properties: {
          field: { type: "string" },
          left: { type: ["string", "null"] },
          right: { type: ["string", "null"] },
          level: { type: "string" },
          m: { type: ["number", "null"] },
          u: { type: ["number", "null"] },
          weight: { type: "number" },
          termFrequencyAdjustment: { type: "number" },
        },
      },
    },
  },
};
const cluster = {
  type: "object",
  properties: {
    id: { type: "string" },
    run_id: { type: "string" },
    object: { enum: DEDUPE_OBJECTS },
    status: { enum: CLUSTER_STATUSES },
    record_ids: { type: "array", items: { type: "string" } },
    max_probability: { type: "number" },
    merge_id: { type: ["string", "null"] },
    records: {
      type: "array",
      items: { type: "object" },
      description: "The records as they are now, side by side",
    },
    missing_ids: {
      type: "array",
      items: { type: "string" },
      description: "Records merged or deleted since the run",
    },
    differing_fields: { type: "array", items: { type: "string" } },
    pairs: {
      type: "array",
      items: {
        type: "object",
        properties: {
          id: { type: "string" },
          left_id: { type: "string" },
          right_id: { type: "string" },
          probability: { type: "number" },
          not_duplicate: { type: "boolean" },
          explanation: evidence,
        },
      },
    },
  },
};
const settings = {
  type: "object",
  properties: {
    auto_merge: {
      type: "boolean",
      description: "Merge clusters above auto_merge_threshold without review (default false)",
    },
    auto_merge_threshold: { type: "number", minimum: 0.5, maximum: 1, description: "Default 0.99" },
    review_threshold: {
      type: "number",
      minimum: 0.5,
      maximum: 1,
      description: "Bottom of the review band (default 0.8)",
    },
  },
};
const fieldChoice = {
  type: "object",
  properties: {
    field: { type: "string" },
    record_id: { type: "string" },
    value: {},
    source: { type: "string" },
    rule: { enum: ["chosen", "only_value", "source_priority", "most_recent", "survivor"] },
  },
};
const mergeResult = {
  type: "object",
  properties: {
    merge_id: { type: "string" },
    object: { enum: MERGE_OBJECTS },
    survivor: { type: "object" },
    merged_ids: { type: "array", items: { type: "string" } },
    field_choices: { type: "array", items: fieldChoice },
    repointed: {
      type: "object",
      description: "Re-pointed rows per object.field",
      additionalProperties: { type: "integer" },
    },
  },
};
const summary = {
  type: "object",
  description: "A dry run's counts; nothing was written",
  properties: {
    run_id: { type: "null" },
    rows: { type: "integer" },
    comparisons: { type: "integer" },
    pairs: { type: "integer" },
    clusters: { type: "integer" },
    auto_merged: { type: "integer", description: "Clusters that would be merged" },
    queued: { type: "integer" },
    seconds: { type: "number" },
  },
};
const readErrors = { "401": error("Not signed in"), "403": error("The role may not read CRM data") };
const writeErrors = { "401": error("Not signed in"), "403": error("The role may not write CRM data") };

export const dedupeOpenApi = {
  "/api/dedupe/runs": {
    post: {
      tags,
      summary:
        "Start a deduplication run of contacts or accounts, or match leads to accounts by email domain",
      description:
        "Answers 202 with the run; poll GET /api/dedupe/runs/{id} for its progress. With dry_run, runs at once and answers the counts without writing anything.",
      requestBody: {
        required: true,
        content: json({
          type: "object",
          required: ["object"],
          properties: { object: { enum: RUN_OBJECTS }, dry_run: { type: "boolean" } },
        }),
      },
      responses: {
        "200": ok("Dry run: the counts", summary),
        "202": ok("Started", run),
        "409": error("A run of the object is already in progress"),
        "422": error("Bad object"),
        ...writeErrors,
      },
    },
  },
  "/api/dedupe/runs/{id}": {
    get: {
      tags,
      summary: "A run: stage, progress and counts",
      parameters: [idParam("Run id")],
      responses: { "200": ok("The run", run), "404": error("No such run in this workspace"), ...readErrors },
    },
  },
  "/api/dedupe/clusters": {
    get: {
      tags,
      summary: "Duplicate clusters, strongest first, with records side by side and each pair's evidence",
      parameters: [
        q("object", "contacts (default) or accounts", { enum: DEDUPE_OBJECTS }),
        q("status", "open (the review queue, default), merged or dismissed", { enum: CLUSTER_STATUSES }),
        q("limit", "Page size (1–200, default 50)", { type: "integer" }),
        q("offset", "Clusters to skip", { type: "integer" }),
      ],
      responses: {
        "200": ok("A page of clusters", {
          type: "object",
          properties: {
            data: { type: "array", items: cluster },
            total: { type: "integer" },
            limit: { type: "integer" },
            offset: { type: "integer" },
          },
        }),
        "422": error("Bad query parameter"),
        ...readErrors,
      },
    },
  },
  "/api/dedupe/clusters/{id}/merge": {
    post: {
      tags,
      summary: "Merge a cluster into the survivor; per-field choices override the survivorship rules",
      parameters: [idParam("Cluster id")],
      requestBody: {
        required: true,
        content: json({
          type: "object",
          required: ["survivor_id"],
          properties: {
            survivor_id: { type: "string" },
            merged_ids: {
              type: "array",
              items: { type: "string" },
              description: "Default: every other record of the cluster",
            },
            fields: {
              type: "object",
              additionalProperties: { type: "string" },
              description: "field → id of the record whose value to keep",
            },
            versions: {
              type: "object",
              additionalProperties: { type: "integer" },
              description: "record id → version the user saw; stale answers 409",
            },
          },
        }),
      },
      responses: {
        "200": ok("Merged", mergeResult),
        "404": error("No such cluster, or a record is gone"),
        "409": error("A record changed since it was read, or the cluster is not open"),
        "422": error("Bad survivor, record or field choice"),
        ...writeErrors,
      },
    },
  },
  "/api/dedupe/pairs/{id}/not-duplicate": {
    post: {
      tags,
      summary: "Remember that a pair is not a duplicate; later runs never propose it again",
      parameters: [idParam("Pair id")],
      responses: {
        "200": ok("Remembered", {
          type: "object",
          properties: {
            pair_id: { type: "string" },
            left_id: { type: "string" },
            right_id: { type: "string" },
            decision: { const: "not_duplicate" },
            cluster_status: { type: ["string", "null"] },
          },
        }),
        "404": error("No such pair"),
        ...writeErrors,
      },
    },
  },
  "/api/dedupe/lead-matches": {
    get: {
      tags,
      summary:
        "Leads (contacts without an account) whose email domain names an account, from the latest leads run",
      parameters: [
        q("limit", "Page size (1–500)", { type: "integer" }),
        q("offset", "Rows to skip", { type: "integer" }),
      ],
      responses: {
        "200": ok("Matches", {
          type: "object",
          properties: { data: { type: "array", items: { type: "object" } } },
        }),
        ...readErrors,
      },
    },
  },
  "/api/dedupe/lead-matches/{contact_id}/link": {
    post: {
      tags,
      summary: "Link a lead to one of its matched accounts (sets the contact's account, audited)",
      parameters: [
        {
          name: "contact_id",
          in: "path",
          required: true,
          description: "The lead (contact)",
          schema: { type: "string" },
        },
      ],
      requestBody: {
        required: true,
        content: json({
          type: "object",
          required: ["account_id"],
          properties: {
            account_id: { type: "string", description: "An account whose domain is the lead's email domain" },
            version: { type: "integer", description: "The contact version last seen; stale → 409" },
          },
        }),
      },
      responses: {
        "200": ok("The contact, now with its account", { type: "object" }),
        "404": error("No such contact or account in this workspace"),
        "409": error("The contact changed since the given version"),
        "422": error("The account is not one of the lead's matches, or the contact already has an account"),
        ...writeErrors,
      },
    },
  },
  "/api/dedupe/lead-matches/link": {
    post: {
      tags,
      summary: "Link several leads to matched accounts at once, all or nothing",
      requestBody: {
        required: true,
        content: json({
          type: "object",
          required: ["links"],
          properties: {
            links: {
              type: "array",
              minItems: 1,
              maxItems: 500,
              items: {
                type: "object",
                required: ["contact_id", "account_id"],
                properties: {
                  contact_id: { type: "string" },
                  account_id: { type: "string" },
                  version: { type: "integer" },
                },
              },
            },
          },
        }),
      },
      responses: {
        "200": ok("The linked contacts", {
          type: "object",
          properties: { data: { type: "array", items: { type: "object" } } },
        }),
        "404": error("A contact or account is not in this workspace; nothing was linked"),
        "409": error("A contact changed since its given version; nothing was linked"),
        "422": error("A link is not a match (error details name its row); nothing was linked"),
        ...writeErrors,
      },
    },
  },
  "/api/dedupe/settings": {
    get: {
      tags,
      summary: "Auto-merge and review thresholds",
      responses: { "200": ok("Settings", settings), ...readErrors },
    },
    put: {
      tags,
      summary: "Change the auto-merge and review thresholds (admins)",
      requestBody: { required: true, content: json(settings) },
      responses: { "200": ok("Saved", settings), "422": error("Bad value"), "403": error("Admins only") },
    },
  },
  "/api/merges": {
    get: {
      tags,
      summary: "Recent merges of an object, newest first",
      parameters: [
        q("object", "contacts (default) or accounts", { enum: MERGE_OBJECTS }),
        q("limit", "1–200, default 20", { type: "integer" }),
      ],
      responses: {
        "200": ok("Merges", {
          type: "object",
          properties: { data: { type: "array", items: { type: "object" } } },
        }),
        ...readErrors,
      },
    },
  },
  "/api/merges/{id}/undo": {
    post: {
      tags,
      summary:
        "Undo a merge exactly: merged records back with their ids, every re-pointed row and the survivor restored",
      parameters: [idParam("Merge id")],
      responses: {
        "200": ok("Undone", {
          type: "object",
          properties: {
            merge_id: { type: "string" },
            survivor_id: { type: "string" },
            restored_ids: { type: "array", items: { type: "string" } },
          },
        }),
        "404": error("No such merge"),
        "409": error("Already undone, or a row changed since the merge (undo would lose that change)"),
        ...writeErrors,
      },
    },
  },
};
