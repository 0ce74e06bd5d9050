import { createView, deleteView, getView, listViews, updateView, VISIBILITIES } from "../../views/index.ts";
import { type App, type AppContext, actorOf } from "../context.ts";

type IdParams = { Params: { id: string } };

/**
 * Saved views of the grid. Who may read or change one is decided in src/views: its owner,
 * its team, or everyone in the workspace, and only for objects the role may read.
 */
export function registerViewRoutes(app: App, ctx: AppContext): void {
  const db = ctx.database.db;
  app.get<{ Querystring: { object?: string } }>("/api/views", {}, async (request) => ({
    data: await listViews(db, actorOf(request), request.query.object),
  }));
  app.post("/api/views", {}, async (request, reply) => {
    reply.status(201);
    return createView(db, actorOf(request), request.body);
  });
  app.get<IdParams>("/api/views/:id", {}, (request) => getView(db, actorOf(request), request.params.id));
  app.patch<IdParams>("/api/views/:id", {}, (request) =>
    updateView(db, actorOf(request), request.params.id, request.body),
  );
  app.delete<IdParams>("/api/views/:id", {}, async (request, reply) => {
    await deleteView(db, actorOf(request), request.params.id);
    reply.status(204);
  });
}

const json = (schema: object) => ({ "application/json": { schema } });
const error = (description: string) => ({
  description,
  content: json({ $ref: "#/components/schemas/Error" }),
});
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const definition = {
  type: "object",
  description: "The grid's state; every field must exist on the object and every formula must parse.",
  properties: {
    columns: { type: "array", items: { type: "string" } },
    filters: {
      type: "array",
      items: {
        type: "object",
        properties: { field: { type: "string" }, op: { type: "string" }, value: { type: "string" } },
      },
    },
    sort: { type: ["string", "null"], description: "A field, prefixed with - for descending" },
    group_by: { type: ["string", "null"] },
    q: { type: ["string", "null"] },
    computed: {
      type: "array",
      items: {
        type: "object",
        properties: {
          key: { type: "string", description: "c_…" },
          label: { type: "string" },
          formula: { type: "string", description: "See docs/web.md, Computed columns" },
          format: { enum: ["number", "money", "percent", "text", "date"] },
        },
      },
    },
  },
};
const view = {
  type: "object",
  properties: {
    id: { type: "string" },
    object: { type: "string" },
    name: { type: "string" },
    owner_user_id: { type: "string" },
    visibility: { enum: VISIBILITIES },
    shared_with_team_id: { type: ["string", "null"] },
    definition,
    version: { type: "integer" },
    editable: { type: "boolean" },
  },
};
const tags = ["Views"];

export const viewOpenApi = {
  "/api/views": {
    get: {
      tags,
      summary: "Saved views the caller can see (own, team's, workspace's)",
      parameters: [{ name: "object", in: "query", schema: { type: "string" } }],
      responses: {
        "200": {
          description: "Views",
          content: json({ type: "object", properties: { data: { type: "array", items: view } } }),
        },
      },
    },
    post: {
      tags,
      summary: "Save a view (signed-in users only)",
      requestBody: {
        required: true,
        content: json({
          type: "object",
          required: ["object", "name", "definition"],
          properties: {
            object: { type: "string" },
            name: { type: "string" },
            visibility: { enum: VISIBILITIES },
            shared_with_team_id: { type: ["string", "null"] },
            definition,
          },
        }),
      },
      responses: { "201": { description: "Saved", content: json(view) }, "422": error("Invalid view") },
    },
  },
  "/api/views/{id}": {
    get: {
      tags,
      summary: "A saved view",
      parameters: [idParam],
      responses: {
        "200": { description: "The view", content: json(view) },
        "404": error("Not visible to the caller"),
      },
    },
    patch: {
      tags,
      summary: "Change a view (its owner, or an admin); send the version last read",
      parameters: [idParam],
      requestBody: { required: true, content: json({ type: "object", required: ["version"] }) },
      responses: {
        "200": { description: "Saved", content: json(view) },
        "403": error("Not the owner"),
        "409": error("Stale version; body has current"),
      },
    },
    delete: {
      tags,
      summary: "Delete a view (its owner, or an admin)",
      parameters: [idParam],
      responses: {
        "204": { description: "Deleted" },
        "403": error("Not the owner"),
        "404": error("Not visible"),
      },
    },
  },
};
