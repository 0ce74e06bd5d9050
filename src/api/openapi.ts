import { z } from "zod";
import { type FieldDef, fieldSchema } from "../model/fields.ts";
import { apiPath, type ObjectDef } from "../model/object-def.ts";
import { OBJECTS } from "../model/registry.ts";
import { createSchema, patchSchema } from "../records/index.ts";
import { VERSION } from "./routes/health.routes.ts";

type Json = Record<string, unknown>;

const toSchema = (schema: z.ZodType): Json =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Json;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ "application/json": { schema } });
const errors = {
  "401": { description: "Not signed in", content: json(ref("Error")) },
  "403": { description: "The role may not do this", content: json(ref("Error")) },
};
const pascal = (s: string) => s.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());

function recordSchema(def: ObjectDef): Json {
  const properties: Record<string, Json> = {
    id: { type: "string" },
    source: { type: "string" },
    external_id: { type: ["string", "null"] },
    version: { type: "integer" },
    created_at: { type: "string", format: "date-time" },
    updated_at: { type: "string", format: "date-time" },
  };
  for (const [name, f] of Object.entries(def.fields) as Array<[string, FieldDef]>) {
    properties[name] = {
      ...toSchema(fieldSchema(f)),
      ...(f.description ? { description: f.description } : {}),
    };
  }
  return { type: "object", properties };
}

function objectPaths(def: ObjectDef): Json {
  const name = pascal(def.singular);
  const base = `/api/${apiPath(def)}`;
  const tag = [def.label];
  const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
  const listParams = [
    { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 50 } },
    {
      name: "cursor",
      in: "query",
      schema: { type: "string" },
      description: "next_cursor of the previous page",
    },
    {
      name: "sort",
      in: "query",
      schema: { type: "string" },
      description: "A field; prefix with - for descending",
    },
    { name: "q", in: "query", schema: { type: "string" }, description: "Search text" },
    { name: "include_total", in: "query", schema: { type: "boolean" } },
  ];
  const page = {
    type: "object",
    properties: {
      data: { type: "array", items: ref(name) },
      next_cursor: { type: ["string", "null"] },
      total: { type: "integer" },
    },
  };
  const paths: Json = {
    [base]: {
      get: {
        tags: tag,
        summary: `List ${def.label.toLowerCase()}`,
        description:
          "Filters: `field=value` or `field[op]=value` with op in eq, ne, gt, gte, lt, lte, in (comma-separated), like, null (true/false).",
        parameters: listParams,
        responses: { "200": { description: "A page", content: json(page) }, ...errors },
      },
    },
    [`${base}/{id}`]: {
      get: {
        tags: tag,
        summary: `Get a ${def.singular}`,
        parameters: [idParam],
        responses: {
          "200": { description: "The record", content: json(ref(name)) },
          "404": { description: "Not in this workspace", content: json(ref("Error")) },
          ...errors,
        },
      },
    },
    [`${base}/{id}/history`]: {
      get: {
        tags: tag,
        summary: `Audit history of a ${def.singular}`,
        parameters: [idParam],
        responses: { "200": { description: "Audit entries, newest first" }, ...errors },
      },
    },
  };
  if (def.noGenericWrite) return paths;
  (paths[base] as Json).post = {
    tags: tag,
    summary: `Create a ${def.singular}`,
    parameters: [{ name: "Idempotency-Key", in: "header", schema: { type: "string" } }],
    requestBody: { required: true, content: json(ref(`${name}Create`)) },
    responses: {
      "201": { description: "Created", content: json(ref(name)) },
      "422": { description: "Invalid input", content: json(ref("Error")) },
      ...errors,
    },
  };
  paths[`${base}/bulk`] = {
    post: {
      tags: tag,
      summary: `Upsert up to 1000 ${def.label.toLowerCase()} by source and external id`,
      description:
        "References may be given by external id: `account_external_id` (same source, or `account_source`). All or nothing.",
      requestBody: {
        required: true,
        content: json({
          type: "object",
          required: ["records"],
          properties: { source: { type: "string" }, records: { type: "array", items: { type: "object" } } },
        }),
      },
      responses: {
        "200": { description: "Counts and per-record outcomes" },
        "422": { description: "Rows with problems; nothing written", content: json(ref("Error")) },
        ...errors,
      },
    },
  };
  Object.assign(paths[`${base}/{id}`] as Json, {
    patch: {
      tags: tag,
      summary: `Change a ${def.singular}`,
      parameters: [
        idParam,
        {
          name: "If-Match",
          in: "header",
          schema: { type: "string" },
          description: "Version last read (or send `version` in the body)",
        },
      ],
      requestBody: { required: true, content: json(ref(`${name}Patch`)) },
      responses: {
        "200": { description: "Saved", content: json(ref(name)) },
        "409": { description: "Stale version; body has current_version", content: json(ref("Error")) },
        "428": { description: "No version sent" },
        ...errors,
      },
    },
    delete: {
      tags: tag,
      summary: `Delete a ${def.singular}`,
      parameters: [idParam],
      responses: {
        "204": { description: "Deleted" },
        "409": { description: "Other records refer to it" },
        ...errors,
      },
    },
  });
  return paths;
}

function platformPaths(): Json {
  const tags = (t: string) => [t];
  return {
    "/api/health": {
      get: {
        tags: tags("Platform"),
        summary: "Health and database in use",
        security: [],
        responses: {
          "200": {
            description: "ok",
            content: json({
              type: "object",
              properties: {
                status: { type: "string" },
                database: { enum: ["pglite", "postgres"] },
                version: { type: "string" },
              },
            }),
          },
        },
      },
    },
    "/api/auth/login": {
      post: {
        tags: tags("Auth"),
        summary: "Sign in; sets the session cookie",
        security: [],
        requestBody: {
          content: json({
            type: "object",
            required: ["email", "password"],
            properties: { email: { type: "string" }, password: { type: "string" } },
          }),
        },
        responses: {
          "200": { description: "Signed in" },
          "401": { description: "Wrong email or password", content: json(ref("Error")) },
        },
      },
    },
    "/api/auth/logout": {
      post: {
        tags: tags("Auth"),
        summary: "Sign out",
        security: [],
        responses: { "204": { description: "Signed out" } },
      },
    },
    "/api/me": {
      get: {
        tags: tags("Auth"),
        summary: "The caller, its workspace and permissions",
        responses: { "200": { description: "ok" }, ...errors },
      },
    },
    "/api/meta/objects": {
      get: {
        tags: tags("Platform"),
        summary: "Every object with its fields, kinds, references and related lists",
        responses: { "200": { description: "ok" }, ...errors },
      },
    },
    "/api/workspace": {
      get: {
        tags: tags("Platform"),
        summary: "The caller's workspace",
        responses: { "200": { description: "ok" }, ...errors },
      },
    },
    "/api/api-keys": {
      get: {
        tags: tags("Admin"),
        summary: "List API keys (never the secrets)",
        responses: { "200": { description: "ok" }, ...errors },
      },
      post: {
        tags: tags("Admin"),
        summary: "Create an API key; the key is shown once",
        requestBody: {
          content: json({
            type: "object",
            required: ["name", "role"],
            properties: { name: { type: "string" }, role: { type: "string" } },
          }),
        },
        responses: { "201": { description: "The new key" }, ...errors },
      },
    },
    "/api/api-keys/{id}": {
      delete: {
        tags: tags("Admin"),
        summary: "Revoke an API key",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "204": { description: "Revoked" }, ...errors },
      },
    },
    "/api/users": {
      post: {
        tags: tags("Admin"),
        summary: "Create a user with a password and role",
        requestBody: {
          content: json({
            type: "object",
            required: ["email", "name", "role", "password"],
            properties: {
              email: { type: "string" },
              name: { type: "string" },
              role: { type: "string" },
              password: { type: "string", minLength: 10 },
              team_id: { type: "string" },
              title: { type: "string" },
            },
          }),
        },
        responses: { "201": { description: "Created" }, ...errors },
      },
    },
    "/api/demo": {
      post: {
        tags: tags("Admin"),
        summary: "Load the demo company into this (empty) workspace",
        requestBody: {
          content: json({
            type: "object",
            properties: {
              accounts: { type: "integer", minimum: 1 },
              seed: { type: "integer" },
              now: {
                type: "string",
                format: "date",
                description: "Where the story ends (default today); with the same seed, the same company",
              },
            },
          }),
        },
        responses: {
          "200": { description: "Rows loaded per table" },
          "409": { description: "The workspace already has data", content: json(ref("Error")) },
          ...errors,
        },
      },
    },
    "/api/audit-log": {
      get: {
        tags: tags("Admin"),
        summary: "Audit log, newest first",
        parameters: ["object", "record_id", "before", "limit"].map((n) => ({
          name: n,
          in: "query",
          schema: { type: "string" },
        })),
        responses: { "200": { description: "ok" }, ...errors },
      },
    },
  };
}

/** The OpenAPI 3.1 document, built from the object registry so it cannot drift from the routes. */
export function openApiDocument(extraPaths: Json = {}): Json {
  const schemas: Json = {
    Error: {
      type: "object",
      required: ["error"],
      properties: {
        error: {
          type: "object",
          required: ["code", "message"],
          properties: {
            code: { type: "string" },
            message: { type: "string" },
            field: { type: "string" },
            details: { type: "array", items: { type: "object" } },
          },
        },
      },
    },
  };
  let paths: Json = {};
  for (const def of OBJECTS) {
    const name = pascal(def.singular);
    schemas[name] = recordSchema(def);
    schemas[`${name}Create`] = toSchema(createSchema(def));
    schemas[`${name}Patch`] = toSchema(patchSchema(def));
    paths = { ...paths, ...objectPaths(def) };
  }
  const users = paths["/api/users"] as Json;
  const userPatch = {
    ...((paths["/api/users/{id}"] as Json) ?? {}),
    patch: {
      tags: ["Admin"],
      summary: "Change a user (admin)",
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      responses: { "200": { description: "Saved" } },
    },
  };
  const platform = platformPaths();
  // Extra paths add operations to a path the registry already documents (PATCH …/bulk beside POST).
  const extra = Object.fromEntries(
    Object.entries(extraPaths).map(([path, ops]) => [path, { ...(paths[path] as Json), ...(ops as Json) }]),
  );
  paths = {
    ...paths,
    ...platform,
    ...extra,
    "/api/users": { ...users, ...(platform["/api/users"] as Json) },
    "/api/users/{id}": userPatch,
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Revline API",
      version: VERSION,
      description:
        "One trusted source of truth for revenue. Money is in integer minor units with an ISO 4217 currency; times are ISO 8601 UTC.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      schemas,
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An API key from `revline apikey create` or POST /api/api-keys",
        },
        session: { type: "apiKey", in: "cookie", name: "revline_session" },
      },
    },
    paths,
  };
}
