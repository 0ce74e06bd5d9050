import { apiPath, type ObjectDef } from "../../model/object-def.ts";
import { OBJECTS } from "../../model/registry.ts";
import { MAX_PATCH_MANY, patchRecords } from "../../records/index.ts";
import { type App, type AppContext, actorOf } from "../context.ts";

/**
 * `PATCH /api/<object>/bulk` `{ changes: [{ id, version, fields }] }`: the grid's save of many
 * rows, all or nothing. Registered per object: a `/api/:object/bulk` pattern would lose to
 * each object's own `/:id` route.
 */
export function registerBulkPatchRoutes(app: App, ctx: AppContext): void {
  for (const def of OBJECTS) {
    if (def.noGenericWrite) continue;
    app.patch(`/api/${apiPath(def)}/bulk`, { config: { resource: def.area, access: "write" } }, (request) =>
      patchRecords(ctx.database.db, actorOf(request), def, request.body),
    );
  }
}

const error = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

function paths(def: ObjectDef) {
  const name = def.singular.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
  return {
    [`/api/${apiPath(def)}/bulk`]: {
      patch: {
        tags: [def.label],
        summary: `Change up to ${MAX_PATCH_MANY} ${def.label.toLowerCase()} at once, all or nothing`,
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["changes"],
                properties: {
                  changes: {
                    type: "array",
                    maxItems: MAX_PATCH_MANY,
                    items: {
                      type: "object",
                      required: ["id", "version", "fields"],
                      properties: {
                        id: { type: "string" },
                        version: { type: "integer", description: "The version the change was made against" },
                        fields: { $ref: `#/components/schemas/${name}Patch` },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        responses: {
          "200": { description: "Every record saved, in the order of the changes" },
          "404": error("An id is not in this workspace; nothing saved"),
          "409": error(
            "Some records changed since they were read: `stale` lists them with their stored values; nothing saved",
          ),
          "422": error("Invalid values: `details` name the change (`row`) and field; nothing saved"),
        },
      },
    },
  };
}

export const bulkPatchOpenApi = Object.assign({}, ...OBJECTS.filter((def) => !def.noGenericWrite).map(paths));
