import { z } from "zod";
import { can } from "../../auth/index.ts";
import type { Db } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";
import { type Period, todayIn } from "../../metrics/periods.ts";
import { loadMetricWorkspace } from "../../metrics/settings.ts";
import { newId } from "../../model/ids.ts";
import { fromMinor, toMinor } from "../../model/money.ts";
import type { Actor } from "../../records/actor.ts";
import { issuesToDetails } from "../../records/index.ts";
import type { ForecastCall } from "./period-forecast.ts";
import { parseQuarter } from "./period-param.ts";

export const callSchema = z
  .object({
    period: z.string().min(1),
    scope: z.enum(["company", "team", "owner"]).default("company"),
    scope_id: z.string().min(1).max(100).optional(),
    amount: z.number().refine(Number.isFinite, "must be a finite number").min(0, "must not be negative"),
    note: z.string().max(1000).optional(),
  })
  .strict();

/**
 * Records a forecast call: a number for a quarter and a scope, in the reporting currency. Who
 * may plan (planning write) calls for any scope; others only for themselves as owner.
 */
export async function submitCall(db: Db, actor: Actor, body: unknown) {
  const parsed = callSchema.safeParse(body);
  if (!parsed.success) {
    const details = issuesToDetails(parsed.error.issues, undefined, body);
    throw new AppError("validation_failed", details[0]?.message ?? "invalid call", {
      field: details[0]?.field,
      details,
    });
  }
  const input = parsed.data;
  const ws = await loadMetricWorkspace(db, actor.workspaceId);
  const period = parseQuarter(input.period, todayIn(ws.timezone));
  if (input.scope === "company" && input.scope_id !== undefined) {
    throw new AppError("validation_failed", "scope_id: a company call has no scope_id", {
      field: "scope_id",
    });
  }
  if (input.scope !== "company" && input.scope_id === undefined) {
    throw new AppError(
      "validation_failed",
      `scope_id: a ${input.scope} call names the ${input.scope === "team" ? "team" : "user"}`,
      {
        field: "scope_id",
      },
    );
  }
  if (!can(actor.role, "planning", "write")) {
    const own = actor.type === "user" && input.scope === "owner" && input.scope_id === actor.id;
    if (!own) {
      throw new AppError(
        "forbidden",
        `Role ${actor.role} may submit calls only for themselves (scope owner, scope_id their user id)`,
      );
    }
  }
  if (input.scope_id !== undefined) {
    const table = input.scope === "team" ? "teams" : "users";
    const found = await db
      .selectFrom(table)
      .select("id")
      .where("workspace_id", "=", actor.workspaceId)
      .where("id", "=", input.scope_id)
      .executeTakeFirst();
    if (!found) {
      throw new AppError(
        "reference_not_found",
        `scope_id: no ${input.scope === "team" ? "team" : "user"} ${input.scope_id} in this workspace`,
        {
          field: "scope_id",
        },
      );
    }
  }
  const row = await db
    .insertInto("forecast_calls")
    .values({
      workspace_id: actor.workspaceId,
      id: newId("fcl"),
      period_key: period.key,
      period_start: period.start,
      period_end: period.end,
      scope: input.scope,
      scope_id: input.scope_id ?? null,
      amount_minor: toMinor(input.amount, ws.currency),
      currency: ws.currency,
      note: input.note ?? null,
      submitted_by: actor.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentCall(row);
}

export function presentCall(row: any) {
  return {
    id: row.id as string,
    period: row.period_key as string,
    scope: row.scope as string,
    scope_id: row.scope_id as string | null,
    amount: fromMinor(Number(row.amount_minor), row.currency),
    currency: row.currency as string,
    note: row.note as string | null,
    submitted_by: row.submitted_by as string | null,
    submitted_at: new Date(row.submitted_at).toISOString(),
  };
}

/** Every call of the period, latest first (amounts in reporting minor units). */
export async function loadCalls(db: Db, workspaceId: string, period: Period): Promise<ForecastCall[]> {
  const rows = await db
    .selectFrom("forecast_calls")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("period_start", "=", period.start)
    .where("period_end", "=", period.end)
    .orderBy("submitted_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((r) => ({
    scope: r.scope,
    scopeId: r.scope_id,
    amount: Number(r.amount_minor),
    submittedBy: r.submitted_by,
    submittedAt: new Date(r.submitted_at).toISOString(),
    note: r.note,
  }));
}
