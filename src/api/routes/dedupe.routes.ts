import {
  executeRun,
  getDedupeSettings,
  getRun,
  linkLead,
  linkLeads,
  listClusters,
  listLeadMatches,
  markNotDuplicate,
  mergeCluster,
  type RunObject,
  runInputSchema,
  setDedupeSettings,
  startDedupeRun,
} from "../../quality/dedupe/index.ts";
import { listMerges, undoMerge } from "../../quality/merge/index.ts";
import { validate } from "../../records/index.ts";
import { type App, type AppContext, actorOf } from "../context.ts";

export { dedupeOpenApi } from "./dedupe.openapi.ts";

type IdParams = { Params: { id: string } };
// Contacts, accounts and leads are all CRM records: reading the queue needs CRM read, merging
// needs CRM write (the rows a merge re-points elsewhere follow the record they point at).
const crmRead = { config: { resource: "crm" as const, access: "read" as const } };
const crmWrite = { config: { resource: "crm" as const, access: "write" as const } };

/** Deduplication runs, the review queue of duplicate clusters, merges and their undo. */
export function registerDedupeRoutes(app: App, ctx: AppContext): void {
  const db = ctx.database.db;

  app.post("/api/dedupe/runs", crmWrite, async (request, reply) => {
    const actor = actorOf(request);
    const input = validate(runInputSchema, request.body) as { object: RunObject; dry_run?: boolean };
    if (input.dry_run) return executeRun(db, actor, input.object, null);
    const { runId, finished } = await startDedupeRun(db, actor, input);
    finished.catch((error) => app.log.warn({ err: error, runId }, "dedupe run failed"));
    reply.status(202);
    return getRun(db, actor, runId);
  });
  app.get<IdParams>("/api/dedupe/runs/:id", crmRead, (request) =>
    getRun(db, actorOf(request), request.params.id),
  );
  app.get("/api/dedupe/clusters", crmRead, (request) => listClusters(db, actorOf(request), request.query));
  app.post<IdParams>("/api/dedupe/clusters/:id/merge", crmWrite, (request) =>
    mergeCluster(db, actorOf(request), request.params.id, request.body),
  );
  app.post<IdParams>("/api/dedupe/pairs/:id/not-duplicate", crmWrite, (request) =>
    markNotDuplicate(db, actorOf(request), request.params.id),
  );
  app.get("/api/dedupe/lead-matches", crmRead, (request) =>
    listLeadMatches(db, actorOf(request), request.query),
  );
  app.post("/api/dedupe/lead-matches/link", crmWrite, (request) =>
    linkLeads(db, actorOf(request), request.body),
  );
  app.post<{ Params: { contact_id: string } }>(
    "/api/dedupe/lead-matches/:contact_id/link",
    crmWrite,
    (request) => linkLead(db, actorOf(request), request.params.contact_id, request.body),
  );
  app.get("/api/dedupe/settings", crmRead, (request) => getDedupeSettings(db, actorOf(request).workspaceId));
  app.put("/api/dedupe/settings", { config: { resource: "admin", access: "write" } }, (request) =>
    setDedupeSettings(db, actorOf(request).workspaceId, request.body),
  );
  app.get("/api/merges", crmRead, async (request) => ({
    data: await listMerges(db, actorOf(request), request.query),
  }));
  app.post<IdParams>("/api/merges/:id/undo", crmWrite, (request) =>
    undoMerge(db, actorOf(request), request.params.id),
  );
}
