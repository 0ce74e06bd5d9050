import type { FastifyRequest } from "fastify";
import { can } from "../../auth/index.ts";
import { AppError } from "../../errors/app-error.ts";
import {
  accuracyReport,
  cachedDealForecast,
  describeModel,
  forecastArr,
  forecastMetricSeries,
  listDealForecasts,
  parseArrQuery,
  parseBy,
  parseQuarter,
  periodForecastReport,
  runBacktest,
  submitCall,
  takeForecastSnapshots,
} from "../../forecast/index.ts";
import { type App, type AppContext, actorOf } from "../context.ts";

type Query = Record<string, string | undefined>;

/** Forecasts read deals, so the role needs the pipeline area besides planning. */
function requirePipeline(request: FastifyRequest): void {
  const { role } = actorOf(request);
  if (!can(role, "pipeline", "read"))
    throw new AppError("forbidden", `Role ${role} may not read pipeline data`);
}

const read = { config: { resource: "planning", access: "read" } } as const;

/** Forecasting: deal win probabilities, period forecasts, calls, series, snapshots, accuracy and backtests (src/forecast). */
export function registerForecastRoutes(app: App, ctx: AppContext): void {
  const db = ctx.database.db;
  const forecast = (request: FastifyRequest) => cachedDealForecast(db, actorOf(request).workspaceId);

  app.get("/api/forecast", read, async (request) => {
    requirePipeline(request);
    const q = request.query as Query;
    // Validate before the (slower) model is trained.
    parseBy(q.by);
    parseQuarter(q.period, "2000-01-01");
    return periodForecastReport(db, actorOf(request).workspaceId, q, { forecast: await forecast(request) });
  });

  app.get("/api/forecast/deals", read, async (request) => {
    requirePipeline(request);
    return listDealForecasts(db, await forecast(request), request.query as Query);
  });

  app.get("/api/forecast/model", read, async (request) => {
    requirePipeline(request);
    return describeModel((await forecast(request)).model);
  });

  app.get("/api/forecast/series", read, async (request) => {
    const q = request.query as Query;
    // MRR and ARR are finance data, bookings pipeline data (as the KPIs' own areas).
    const { role } = actorOf(request);
    const area = q.metric === "bookings" ? "pipeline" : "finance";
    if (!can(role, area, "read")) throw new AppError("forbidden", `Role ${role} may not read ${area} data`);
    return forecastMetricSeries(db, actorOf(request).workspaceId, q);
  });

  app.get("/api/forecast/arr", read, async (request) => {
    // Subscriptions are finance data, the open pipeline feeding new and expansion ARR pipeline data.
    const { role } = actorOf(request);
    if (!can(role, "finance", "read"))
      throw new AppError("forbidden", `Role ${role} may not read finance data`);
    requirePipeline(request);
    const q = request.query as Query;
    parseArrQuery(q); // before the (slower) deal model is trained
    return forecastArr(db, actorOf(request).workspaceId, q, { forecast: await forecast(request) });
  });

  app.post(
    "/api/forecast/snapshots",
    { config: { resource: "planning", access: "write" } },
    async (request, reply) => {
      requirePipeline(request);
      const result = await takeForecastSnapshots(db, actorOf(request).workspaceId, {
        forecast: await forecast(request),
      });
      reply.status(201);
      return result;
    },
  );

  app.get("/api/forecast/accuracy", read, async (request) =>
    accuracyReport(db, actorOf(request).workspaceId, request.query as Query),
  );

  app.post("/api/forecast/calls", read, async (request, reply) => {
    const call = await submitCall(db, actorOf(request), request.body);
    reply.status(201);
    return call;
  });

  app.get("/api/forecast/backtest", read, async (request) => {
    requirePipeline(request);
    return runBacktest(db, actorOf(request).workspaceId, request.query as Query);
  });
}
