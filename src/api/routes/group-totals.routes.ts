import { apiPath, type ObjectDef } from "../../model/object-def.ts";
import { OBJECTS } from "../../model/registry.ts";
import { groupTotals, MAX_GROUPS } from "../../views/index.ts";
import { type App, type AppContext, actorOf } from "../context.ts";

const OWN_PARAMS = new Set(["group_by", "sum", "q"]);

/**
 * `GET /api/<object>/groups?group_by=stage&sum=amount_minor&status=open`: count and sums per
 * value, with the same filters and search as the object's list (grid group headers, board
 * columns, home page tiles).
 */
export function registerGroupTotalsRoutes(app: App, ctx: AppContext): void {
  for (const def of OBJECTS) {
    app.get(`/api/${apiPath(def)}/groups`, { config: { resource: def.area, access: "read" } }, (request) => {
      const raw = request.query as Record<string, string | string[]>;
      const one = (name: string) => [raw[name] ?? ""].flat()[0];
      const filters: Record<string, string> = {};
      for (const [key, value] of Object.entries(raw)) {
        if (!OWN_PARAMS.has(key)) filters[key] = [value].flat().join(",");
      }
      return groupTotals(ctx.database.db, actorOf(request), def, {
        groupBy: one("group_by"),
        sums: one("sum")
          ? one("sum")
              .split(",")
              .map((s) => s.trim())
          : [],
        filters,
        q: one("q"),
      });
    });
  }
}

function paths(def: ObjectDef) {
  return {
    [`/api/${apiPath(def)}/groups`]: {
      get: {
        tags: [def.label],
        summary: `Count and sums of ${def.label.toLowerCase()} per value of a field`,
        description: `Same filters (\`field[op]=value\`) and \`q\` as the list. Money is summed per currency. At most ${MAX_GROUPS} groups, largest first.`,
        parameters: [
          { name: "group_by", in: "query", required: true, schema: { type: "string" } },
          {
            name: "sum",
            in: "query",
            schema: { type: "string" },
            description: "Comma-separated numeric fields",
          },
          { name: "q", in: "query", schema: { type: "string" } },
        ],
        responses: {
          "200": {
            description: "Groups",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    groups: {
                      type: "array",
                      items: {
                        type: "object",
                        properties: {
                          value: { type: ["string", "null"] },
                          count: { type: "integer" },
                          sums: { type: "object", description: "field → [{ currency, value }]" },
                        },
                      },
                    },
                    truncated: { type: "boolean" },
                    total: { type: "integer" },
                  },
                },
              },
            },
          },
          "400": { description: "Not a field that can be grouped or added up" },
        },
      },
    },
  };
}

export const groupTotalsOpenApi = Object.assign({}, ...OBJECTS.map(paths));
