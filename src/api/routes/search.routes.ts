import { AppError } from "../../errors/app-error.ts";
import { globalSearch, MIN_QUERY } from "../../views/index.ts";
import { type App, type AppContext, actorOf } from "../context.ts";

export function registerSearchRoutes(app: App, ctx: AppContext): void {
  app.get<{ Querystring: { q?: string; limit?: string } }>("/api/search", {}, async (request) => {
    const limit = request.query.limit === undefined ? 5 : Number(request.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 20)
      throw new AppError("bad_request", "limit: must be a whole number from 1 to 20", { field: "limit" });
    const q = request.query.q ?? "";
    return { q, data: await globalSearch(ctx.database.db, actorOf(request), q, limit) };
  });
}

export const searchOpenApi = {
  "/api/search": {
    get: {
      tags: ["Views"],
      summary: "Search every object the role may read by name, email, domain or external id",
      parameters: [
        { name: "q", in: "query", required: true, schema: { type: "string", minLength: MIN_QUERY } },
        {
          name: "limit",
          in: "query",
          schema: { type: "integer", minimum: 1, maximum: 20, default: 5 },
          description: "Hits per object",
        },
      ],
      responses: {
        "200": {
          description: "Hits grouped by object, best first",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  q: { type: "string" },
                  data: {
                    type: "array",
                    items: {
                      type: "object",
                      properties: {
                        object: { type: "string" },
                        path: { type: "string" },
                        label: { type: "string" },
                        hits: {
                          type: "array",
                          items: {
                            type: "object",
                            properties: {
                              id: { type: "string" },
                              title: { type: "string" },
                              detail: { type: ["string", "null"] },
                              matched: { type: "string" },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        "400": { description: "q shorter than 2 or longer than 100 characters" },
      },
    },
  },
};
