import { PENALTIES, QUALITY_OBJECTS, SCORE_BUCKETS } from "../../quality/validation/index.ts";

const tags = ["Data quality"];
const json = (schema: object) => ({ "application/json": { schema } });
const error = (description: string) => ({
  description,
  content: json({ $ref: "#/components/schemas/Error" }),
});
const objectParam = {
  name: "object",
  in: "path",
  required: true,
  schema: { type: "string", enum: QUALITY_OBJECTS.map((d) => d.key) },
};
const reason = {
  type: "object",
  required: ["field", "code", "message", "penalty"],
  properties: {
    field: { type: "string" },
    code: {
      type: "string",
      description: `One of ${Object.keys(PENALTIES).join(", ")}, or missing_<field> for an empty needed field`,
    },
    message: {
      type: "string",
      description: "Names the field and says why, e.g. email: x@mailinator.com is disposable",
    },
    penalty: { type: "integer", description: "Points the record loses for it" },
  },
};
const scored = {
  type: "object",
  properties: {
    id: { type: "string" },
    title: { type: "string" },
    fields: { type: "object", description: "The record's fields the rules read" },
    score: { type: "integer", minimum: 0, maximum: 100 },
    reasons: { type: "array", items: reason },
  },
};
const errors = {
  "400": error("Unknown or unscored object, or a bad query parameter (the message names it)"),
  "401": error("Not signed in"),
  "403": error("The role may not read the object's area"),
};

export const qualityOpenApi = {
  "/api/quality/summary": {
    get: {
      tags,
      summary: "Workspace quality score per object, its distribution and its most frequent reasons",
      description:
        "Scores the records written since the last read first (docs/data-quality.md). Only objects the role may read are listed.",
      responses: {
        "200": {
          description: "One entry per scored object",
          content: json({
            type: "object",
            properties: {
              rules_version: { type: "integer" },
              data: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    object: { type: "string" },
                    label: { type: "string" },
                    records: { type: "integer" },
                    score: { type: ["number", "null"], description: "Mean record score, one decimal" },
                    buckets: {
                      type: "array",
                      description: SCORE_BUCKETS.map((b) => `${b.label} ${b.min}–${b.max}`).join(", "),
                      items: {
                        type: "object",
                        properties: {
                          label: { type: "string" },
                          min: { type: "integer" },
                          max: { type: "integer" },
                          count: { type: "integer" },
                        },
                      },
                    },
                    reasons: {
                      type: "array",
                      items: {
                        type: "object",
                        properties: {
                          code: { type: "string" },
                          field: { type: "string" },
                          count: { type: "integer", description: "Records with this reason" },
                          penalty: { type: "integer" },
                        },
                      },
                    },
                  },
                },
              },
            },
          }),
        },
        "401": errors["401"],
      },
    },
  },
  "/api/quality/{object}": {
    get: {
      tags,
      summary: "Records with their quality score and reasons, worst first",
      parameters: [
        objectParam,
        { name: "min_score", in: "query", schema: { type: "integer", minimum: 0, maximum: 100 } },
        { name: "max_score", in: "query", schema: { type: "integer", minimum: 0, maximum: 100 } },
        {
          name: "reason",
          in: "query",
          schema: { type: "string" },
          description: "Only records with this reason code",
        },
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 50 } },
        {
          name: "cursor",
          in: "query",
          schema: { type: "string" },
          description: "next_cursor of the previous page",
        },
      ],
      responses: {
        "200": {
          description: "A page of scored records, lowest score first, then by id",
          content: json({
            type: "object",
            properties: { data: { type: "array", items: scored }, next_cursor: { type: ["string", "null"] } },
          }),
        },
        ...errors,
      },
    },
  },
  "/api/quality/{object}/{id}": {
    get: {
      tags,
      summary: "One record's quality score and reasons, computed now",
      parameters: [objectParam, { name: "id", in: "path", required: true, schema: { type: "string" } }],
      responses: {
        "200": {
          description: "The score",
          content: json({ ...scored, properties: { object: { type: "string" }, ...scored.properties } }),
        },
        ...errors,
        "404": error("No such record in this workspace"),
      },
    },
  },
};
