import type { FastifyRequest } from "fastify";
import { can, type Resource } from "../../auth/index.ts";
import { AppError } from "../../errors/app-error.ts";
import {
  attribution,
  bottleneckRecords,
  bottlenecks,
  cohorts,
  computeMetrics,
  DEFAULT_METRIC_SETTINGS,
  DIMENSIONS,
  describeMetric,
  drillDown,
  funnel,
  funnelRecords,
  GRAINS,
  listForecastSnapshots,
  loadMetricWorkspace,
  METRICS,
  metricDef,
  recordForecastSnapshots,
  updateMetricSettings,
} from "../../metrics/index.ts";
import { type App, type AppContext, actorOf } from "../context.ts";

type Query = Record<string, string | undefined>;

/** Reading a KPI needs read access to the area its records belong to. */
function requireRead(request: FastifyRequest, resources: Resource[]): void {
  const actor = actorOf(request);
  for (const resource of resources) {
    if (!can(actor.role, resource, "read")) {
      throw new AppError("forbidden", `Role ${actor.role} may not read ${resource} data`);
    }
  }
}

function integer(raw: string | undefined, field: string): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new AppError("bad_request", `${field}: must be a whole number`, { field });
  return n;
}

const metricQuery = (q: Query) => ({ from: q.from, to: q.to, grain: q.grain, by: q.by, filter: q.filter });

/** The KPI registry and every computation over it; the work lives in src/metrics. */
export function registerMetricsRoutes(app: App, ctx: AppContext): void {
  const db = ctx.database.db;

  app.get("/api/metrics", {}, async (request) => {
    const ws = await loadMetricWorkspace(db, actorOf(request).workspaceId);
    return {
      data: METRICS.map((def) => describeMetric(def, ws)),
      grains: GRAINS,
      dimensions: DIMENSIONS,
      currency: ws.currency,
      timezone: ws.timezone,
    };
  });

  app.get("/api/metrics/settings", {}, async (request) => {
    const ws = await loadMetricWorkspace(db, actorOf(request).workspaceId);
    return { settings: ws.settings, defaults: DEFAULT_METRIC_SETTINGS };
  });

  app.patch("/api/metrics/settings", { config: { resource: "admin", access: "write" } }, async (request) => ({
    settings: await updateMetricSettings(db, actorOf(request).workspaceId, request.body),
  }));

  app.get("/api/metrics/batch", {}, async (request) => {
    const q = request.query as Query;
    const keys = (q.keys ?? "")
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean);
    if (keys.length === 0 || keys.length > 50) {
      throw new AppError("bad_request", "keys: list 1 to 50 metric keys, comma-separated", { field: "keys" });
    }
    requireRead(request, [...new Set(keys.map((k) => metricDef(k).resource))]);
    return { data: await computeMetrics(db, actorOf(request).workspaceId, keys, metricQuery(q)) };
  });

  app.get(
    "/api/metrics/attribution",
    { config: { resource: "marketing", access: "read" } },
    async (request) => {
      requireRead(request, ["pipeline"]);
      const q = request.query as Query;
      return attribution(db, actorOf(request).workspaceId, {
        model: q.model,
        basis: q.basis,
        from: q.from,
        to: q.to,
        by: q.by,
      });
    },
  );

  app.get("/api/metrics/cohorts", { config: { resource: "finance", access: "read" } }, async (request) => {
    const q = request.query as Query;
    return cohorts(db, actorOf(request).workspaceId, { from: q.from, to: q.to });
  });

  app.get(
    "/api/metrics/bottlenecks",
    { config: { resource: "pipeline", access: "read" } },
    async (request) => {
      requireRead(request, ["crm"]);
      const q = request.query as Query;
      const factor = q.factor === undefined ? undefined : Number(q.factor);
      return bottlenecks(db, actorOf(request).workspaceId, {
        from: q.from,
        to: q.to,
        factor,
        limit: integer(q.limit, "limit"),
      });
    },
  );

  app.get("/api/metrics/funnel", { config: { resource: "crm", access: "read" } }, async (request) => {
    const q = request.query as Query;
    return funnel(db, actorOf(request).workspaceId, { from: q.from, to: q.to });
  });

  app.get("/api/metrics/funnel/records", { config: { resource: "crm", access: "read" } }, async (request) => {
    const q = request.query as Query;
    return funnelRecords(db, actorOf(request).workspaceId, {
      stage: q.stage,
      step: q.step,
      from: q.from,
      to: q.to,
      limit: integer(q.limit, "limit"),
      offset: integer(q.offset, "offset"),
    });
  });

  app.get(
    "/api/metrics/bottlenecks/records",
    { config: { resource: "pipeline", access: "read" } },
    async (request) => {
      requireRead(request, ["crm"]);
      const q = request.query as Query;
      return bottleneckRecords(db, actorOf(request).workspaceId, {
        stage: q.stage,
        kind: q.kind,
        from: q.from,
        to: q.to,
        factor: q.factor === undefined ? undefined : Number(q.factor),
        limit: integer(q.limit, "limit"),
        offset: integer(q.offset, "offset"),
      });
    },
  );

  app.get(
    "/api/metrics/forecast-snapshots",
    { config: { resource: "planning", access: "read" } },
    async (request) => {
      const q = request.query as Query;
      return { data: await listForecastSnapshots(db, actorOf(request).workspaceId, q.metric) };
    },
  );

  app.post(
    "/api/metrics/forecast-snapshots",
    { config: { resource: "planning", access: "write" } },
    async (request, reply) => {
      const body = request.body as { snapshots?: unknown } | unknown[] | null;
      const input = Array.isArray(body) ? body : ((body as { snapshots?: unknown })?.snapshots ?? body);
      reply.status(201);
      return { data: await recordForecastSnapshots(db, actorOf(request).workspaceId, input) };
    },
  );

  app.get<{ Params: { key: string } }>("/api/metrics/:key", {}, async (request) => {
    const def = metricDef(request.params.key);
    requireRead(request, [def.resource]);
    const [result] = await computeMetrics(
      db,
      actorOf(request).workspaceId,
      [def.key],
      metricQuery(request.query as Query),
    );
    return result;
  });

  app.get<{ Params: { key: string } }>("/api/metrics/:key/records", {}, async (request) => {
    const def = metricDef(request.params.key);
    requireRead(request, [def.resource]);
    const q = request.query as Query;
    return drillDown(db, actorOf(request).workspaceId, def.key, {
      period: q.period ?? "",
      grain: q.grain,
      by: q.by,
      group: q.group,
      filter: q.filter,
      limit: integer(q.limit, "limit"),
      offset: integer(q.offset, "offset"),
    });
  });
}
