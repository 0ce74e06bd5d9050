import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify from "fastify";
import { AppError } from "../errors/app-error.ts";
import { authHook } from "./auth.hook.ts";
import type { App, AppContext } from "./context.ts";
import { errorHandler } from "./error-handler.ts";
import { registerIdempotency } from "./idempotency.hook.ts";
import { openApiDocument } from "./openapi.ts";
import { registerAdminRoutes } from "./routes/admin.routes.ts";
import { registerAuthRoutes } from "./routes/auth.routes.ts";
import { bulkPatchOpenApi, registerBulkPatchRoutes } from "./routes/bulk-patch.routes.ts";
import { dedupeOpenApi, registerDedupeRoutes } from "./routes/dedupe.routes.ts";
import { registerDemoRoutes } from "./routes/demo.routes.ts";
import { exportsOpenApi, registerExportRoutes } from "./routes/exports.routes.ts";
import { forecastOpenApi } from "./routes/forecast.openapi.ts";
import { registerForecastRoutes } from "./routes/forecast.routes.ts";
import { groupTotalsOpenApi, registerGroupTotalsRoutes } from "./routes/group-totals.routes.ts";
import { registerHealthRoutes } from "./routes/health.routes.ts";
import { importsOpenApi, registerImportRoutes } from "./routes/imports.routes.ts";
import { registerMetaRoutes } from "./routes/meta.routes.ts";
import { metricsOpenApiPaths } from "./routes/metrics.openapi.ts";
import { registerMetricsRoutes } from "./routes/metrics.routes.ts";
import { registerObjectRoutes } from "./routes/objects.routes.ts";
import { qualityOpenApi } from "./routes/quality.openapi.ts";
import { registerQualityRoutes } from "./routes/quality.routes.ts";
import { registerSearchRoutes, searchOpenApi } from "./routes/search.routes.ts";
import { registerTimelineRoutes, timelineOpenApi } from "./routes/timeline.routes.ts";
import { registerViewRoutes, viewOpenApi } from "./routes/views.routes.ts";
import { registerWebhookRoutes, webhooksOpenApi } from "./routes/webhooks.routes.ts";

export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), "../../web/dist");
/** Bulk upserts of 1000 records fit well inside; anything larger is refused with 413. */
export const BODY_LIMIT = 5 * 1024 * 1024;

const routeTables = new WeakMap<App, Array<{ method: string; url: string }>>();

/** Every route the server registered (the OpenAPI test checks each /api one is documented). */
export function registeredRoutes(app: App): Array<{ method: string; url: string }> {
  return routeTables.get(app) ?? [];
}

export async function buildServer(ctx: AppContext, options: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ? { level: ctx.config.logLevel } : false,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: 200 },
  });
  const routes: Array<{ method: string; url: string }> = [];
  routeTables.set(app, routes);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  app.setErrorHandler(errorHandler);
  await app.register(cookie);
  // Only routes that opt in are limited (sign-in, against password guessing).
  await app.register(rateLimit, { global: false });
  app.addHook("preHandler", authHook(ctx.database.db));
  registerIdempotency(app, ctx.database.db);

  const document = openApiDocument({
    ...metricsOpenApiPaths(),
    ...viewOpenApi,
    ...searchOpenApi,
    ...timelineOpenApi,
    ...groupTotalsOpenApi,
    ...bulkPatchOpenApi,
    ...importsOpenApi,
    ...webhooksOpenApi,
    ...exportsOpenApi,
    ...qualityOpenApi,
    ...forecastOpenApi,
    ...dedupeOpenApi,
  });
  await app.register(swagger, { mode: "static", specification: { document: document as never } });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  app.get("/openapi.json", { config: { public: true } }, async () => document);

  registerHealthRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerObjectRoutes(app, ctx);
  registerDemoRoutes(app, ctx);
  registerMetaRoutes(app);
  registerMetricsRoutes(app, ctx);
  registerViewRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  registerTimelineRoutes(app, ctx);
  registerGroupTotalsRoutes(app, ctx);
  registerBulkPatchRoutes(app, ctx);
  registerImportRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerExportRoutes(app, ctx);
  registerQualityRoutes(app, ctx);
  registerForecastRoutes(app, ctx);
  registerDedupeRoutes(app, ctx);

  const hasWeb = existsSync(join(WEB_DIST, "index.html"));
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || request.method !== "GET" || !hasWeb) {
      throw new AppError("not_found", `No route ${request.method} ${request.url.split("?")[0]}`);
    }
    return reply.sendFile("index.html");
  });
  return app;
}
