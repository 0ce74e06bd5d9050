// OpenAPI paths of the ingestion routes (imports, webhooks, exports), merged by server.ts.
type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ "application/json": { schema } });
const error = (description: string) => ({ description, content: json(ref("Error")) });
const auth = { "401": error("Not signed in"), "403": error("The role may not do this") };
const path = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
const query = (name: string, description: string, schema: Json = { type: "string" }) => ({
  name,
  in: "query",
  schema,
  description,
});

const importSummary = {
  type: "object",
  properties: {
    id: { type: "string" },
    preset: { type: "string" },
    source: { type: "string" },
    status: { enum: ["queued", "running", "completed", "failed", "canceled"] },
    file_name: { type: "string" },
    encoding: {
      enum: ["utf-8", "windows-1252", "utf-16le", "utf-16be"],
      description: "How a CSV file's text was read (rows not valid UTF-8 are read as Windows-1252)",
    },
    delimiter: { type: "string", description: "A CSV file's delimiter: , ; or tab" },
    date_order: { enum: ["mdy", "dmy"], description: "Month or day first in all-numeric dates (03/04/2026)" },
    rows: { type: "integer", description: "Rows committed so far (the checkpoint)" },
    progress: { type: "number", description: "Share of the file's bytes committed, 0–1" },
    created: { type: "integer" },
    updated: { type: "integer" },
    unchanged: { type: "integer" },
    rejected: { type: "integer", description: "Rows in quarantine" },
    deferred: { type: "integer", description: "Records waiting for a required reference" },
    resolved: { type: "integer", description: "Waiting references and records this import completed" },
    error: { type: ["string", "null"] },
  },
};

export const importsOpenApi: Json = {
  "/api/imports": {
    get: {
      tags: ["Imports"],
      summary: "Recent imports with their progress and counts",
      responses: { "200": { description: "ok" }, ...auth },
    },
    post: {
      tags: ["Imports"],
      summary: "Upload a CSV or JSON-lines file and import it as a job (or dry-run it)",
      description:
        "multipart/form-data: `preset` (see /api/imports/presets), `file`, and for the generic preset `mapping` (JSON) or `object`; optional `source`, `format` (csv|jsonl), `date_order` (mdy|dmy: is 03/04/2026 March 4 or 3 April; default: what the file's first rows show, else mdy), `dry_run=true` (report mapping and first problems, write nothing). The caller needs write access to every object the preset writes.",
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: {
              type: "object",
              required: ["preset", "file"],
              properties: {
                preset: { type: "string" },
                mapping: { type: "string", description: "Column mapping (JSON) for the generic preset" },
                object: { type: "string" },
                source: { type: "string" },
                format: { enum: ["csv", "jsonl"] },
                date_order: { enum: ["mdy", "dmy"] },
                dry_run: { type: "string", enum: ["true", "false"] },
                file: { type: "string", format: "binary" },
              },
            },
          },
        },
      },
      responses: {
        "200": { description: "Dry run report" },
        "202": { description: "Queued", content: json(importSummary) },
        "422": error("Unknown preset, bad mapping, or the file is not this preset's export"),
        ...auth,
      },
    },
  },
  "/api/imports/presets": {
    get: {
      tags: ["Imports"],
      summary: "Presets with the columns they read and the fields they fill",
      responses: { "200": { description: "ok" }, ...auth },
    },
  },
  "/api/imports/{id}": {
    get: {
      tags: ["Imports"],
      summary: "Progress and summary of an import",
      parameters: [path("id")],
      responses: {
        "200": { description: "ok", content: json(importSummary) },
        "404": error("No such import"),
        ...auth,
      },
    },
  },
  "/api/imports/{id}/rejections": {
    get: {
      tags: ["Imports"],
      summary: "Quarantined rows: row number, field, column, reason and the raw row",
      parameters: [path("id"), query("after", "Row number to continue after"), query("limit", "Up to 1000")],
      responses: { "200": { description: "ok" }, ...auth },
    },
  },
  "/api/imports/{id}/rejected.csv": {
    get: {
      tags: ["Imports"],
      summary: "Quarantined rows as CSV: the file's columns, then revline_row, revline_field, revline_reason",
      parameters: [path("id")],
      responses: {
        "200": { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } },
        ...auth,
      },
    },
  },
  "/api/imports/{id}/resume": {
    post: {
      tags: ["Imports"],
      summary: "Resume a failed or interrupted import from its checkpoint",
      parameters: [path("id")],
      responses: { "202": { description: "Queued again" }, "409": error("It is running"), ...auth },
    },
  },
  "/api/source-priority": {
    get: {
      tags: ["Imports"],
      summary: "Which source's value a field keeps when sources disagree",
      responses: { "200": { description: "ok" }, ...auth },
    },
    put: {
      tags: ["Imports"],
      summary: "Set the source priority (admin)",
      requestBody: {
        content: json({
          type: "object",
          properties: {
            default: { type: "array", items: { type: "string" } },
            fields: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
          },
        }),
      },
      responses: { "200": { description: "Saved" }, "422": error("Invalid"), ...auth },
    },
  },
  "/api/provenance/{object}/{id}": {
    get: {
      tags: ["Imports"],
      summary:
        "A record's provenance: per field its value, source, time and losing values; the raw source row",
      parameters: [path("object"), path("id")],
      responses: { "200": { description: "ok" }, "404": error("No such record"), ...auth },
    },
  },
};

export const webhooksOpenApi: Json = {
  "/api/webhooks/{source}": {
    post: {
      tags: ["Webhooks"],
      summary: "Receive a signed event from an external system",
      description:
        "Header `Revline-Signature: t=TIMESTAMP,v1=HEX(HMAC_SHA256(secret, TIMESTAMP + '.' + RAW_BODY))`, at most 300 s old. Workspace: `Revline-Workspace` header or `workspace` query (default: the first workspace). Body: `{id, type?, object, record}` (a record in the unified model, references as `<ref>_external_id`) or `{id, preset, row}`. With `action: \"delete\"` the source deleted the record keyed by `record.external_id` (or the preset row's key): it is deleted (409 while other records refer to it), a merged-away alias is only unlinked, an unknown key deletes nothing (`deleted: 0`). The same event id again answers `duplicate: true` and writes nothing.",
      security: [],
      parameters: [
        path("source"),
        { name: "Revline-Signature", in: "header", required: true, schema: { type: "string" } },
      ],
      requestBody: { required: true, content: json({ type: "object", required: ["id"] }) },
      responses: {
        "200": { description: "Processed (or a duplicate)" },
        "401": error("Missing or bad signature, stale timestamp, or no secret: nothing stored"),
        "409": error("A delete of a record other records still refer to: nothing stored"),
        "422": error("The record is invalid: nothing stored"),
      },
    },
  },
  "/api/webhook-secrets": {
    get: {
      tags: ["Webhooks"],
      summary: "Sources with a signing secret (never the secrets)",
      responses: { "200": { description: "ok" }, ...auth },
    },
  },
  "/api/webhook-secrets/{source}": {
    post: {
      tags: ["Webhooks"],
      summary: "Create or rotate a source's signing secret; shown once, the previous one stays valid 24 h",
      description:
        'Without a body Revline makes the secret. With `{"secret": "whsec_…"}` it keeps the sender\'s own (Stripe shows its endpoint\'s signing secret): 16–255 characters without spaces.',
      parameters: [path("source")],
      requestBody: {
        required: false,
        content: json({
          type: "object",
          properties: { secret: { type: "string", minLength: 16, maxLength: 255 } },
        }),
      },
      responses: { "201": { description: "The new secret" }, ...auth },
    },
  },
};

export const exportsOpenApi: Json = {
  "/api/exports/{object}": {
    get: {
      tags: ["Exports"],
      summary: "Stream every record of an object (with the list filters) as CSV or JSON lines",
      description:
        "Same filters as the object's list (`field=value`, `field[op]=value`, `q`, `sort`). CSV columns are the field names with money in minor units: the generic preset imports the file back.",
      parameters: [path("object"), query("format", "csv (default) or jsonl", { enum: ["csv", "jsonl"] })],
      responses: { "200": { description: "The records" }, "400": error("Bad filter"), ...auth },
    },
  },
};
