import type { Tx } from "../db/types.ts";
import { newId } from "../model/ids.ts";
import { monthlyRecurringRevenue } from "../model/mrr.ts";
import type { SubscriptionItem } from "../model/objects/finance.objects.ts";
import { normaliseAccount, normaliseContact } from "../quality/validation/index.ts";
import type { Actor } from "./actor.ts";
import { LIFECYCLE_SUBJECTS, lifecycleSteps, type StageDates } from "./lifecycle-journey.ts";

export type Row = Record<string, any>;

/** A history row a write produces: lifecycle transitions, stage history, subscription versions. */
export interface HistoryRow {
  table: string;
  prefix: string;
  row: Row;
}

/** Tables the history rules below write to. */
export const HISTORY_TABLES = ["lifecycle_transitions", "opportunity_stage_history", "subscription_versions"];

/**
 * Object rules that keep history and derived values true on every write, whatever path the
 * write took (API, bulk upsert, import): computed fields before the write, history rows after.
 * Both are pure, so the set-based importer applies the very same rules to a whole batch.
 */
interface ObjectRules {
  derive?: (row: Row, before: Row | null) => void;
  history?: (actor: Actor, before: Row | null, after: Row, dates?: StageDates) => HistoryRow[];
}

const WON = /closed[\s_-]*won|^won$/i;
const LOST = /closed[\s_-]*lost|^lost$/i;

const changed = (before: Row | null, after: Row, fields: string[]): boolean =>
  before === null || fields.some((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));

function lifecycleRules(subjectType: "contact" | "account"): ObjectRules {
  return {
    history(_actor, before, after, dates) {
      if (!changed(before, after, ["lifecycle_stage"])) return [];
      const fallback = before ? new Date() : (after.created_at ?? new Date());
      return lifecycleSteps(before?.lifecycle_stage ?? null, after.lifecycle_stage, dates, fallback).map(
        (step) => ({
          table: "lifecycle_transitions",
          prefix: "lct",
          row: {
            subject_type: subjectType,
            subject_id: after.id,
            from_stage: step.from,
            to_stage: step.to,
            transitioned_at: step.at,
          },
        }),
      );
    },
  };
}

const SUBSCRIPTION_TERMS = ["items", "billing_interval", "currency", "status"];

function deriveMrr(row: Row): void {
  row.billing_interval ??= "month";
  row.status ??= "active";
  const items = typeof row.items === "string" ? JSON.parse(row.items) : row.items;
  row.mrr_minor = monthlyRecurringRevenue(
    (items ?? []) as SubscriptionItem[],
    row.billing_interval ?? "month",
  );
}

const rules: Record<string, ObjectRules> = {
  accounts: { ...lifecycleRules(LIFECYCLE_SUBJECTS.accounts), derive: normaliseAccount },
  contacts: { ...lifecycleRules(LIFECYCLE_SUBJECTS.contacts), derive: normaliseContact },
  opportunities: {
    derive(row, before) {
      row.status ??= "open";
      const stageMoved = before === null || before.stage !== row.stage;
      if (stageMoved && (before === null || before.status === row.status)) {
        if (WON.test(row.stage)) row.status = "won";
        else if (LOST.test(row.stage)) row.status = "lost";
      }
      if (row.status !== "open" && !row.closed_at) row.closed_at = new Date().toISOString();
      if (row.status === "open") row.closed_at = null;
      if (row.status === "won" || row.status === "lost") row.forecast_category = "closed";
    },
    history(actor, before, after) {
      if (!changed(before, after, ["stage", "amount_minor", "close_date", "forecast_category", "currency"]))
        return [];
      const history: HistoryRow = {
        table: "opportunity_stage_history",
        prefix: "osh",
        row: {
          opportunity_id: after.id,
          from_stage: before?.stage ?? null,
          to_stage: after.stage,
          amount_minor: after.amount_minor,
          currency: after.currency,
          close_date: after.close_date,
          forecast_category: after.forecast_category,
          changed_at: before ? new Date() : after.opened_at,
          changed_by: actor.id,
        },
      };
      return [history];
    },
  },
  subscriptions: {
    derive: deriveMrr,
    history(_actor, before, after) {
      if (!changed(before, after, SUBSCRIPTION_TERMS)) return [];
      const effective =
        before === null
          ? after.started_at
          : after.status === "canceled" && after.ended_at && before.status !== "canceled"
            ? after.ended_at
            : new Date();
      const version: HistoryRow = {
        table: "subscription_versions",
        prefix: "sbv",
        row: {
          subscription_id: after.id,
          effective_at: effective,
          status: after.status,
          currency: after.currency,
          billing_interval: after.billing_interval,
          items: after.items,
          mrr_minor: after.mrr_minor,
          change_reason: before === null ? "created" : "changed",
        },
      };
      return [version];
    },
  },
  subscription_versions: { derive: deriveMrr },
  invoice_lines: {
    derive(row) {
      row.quantity ??= 1;
      row.amount_minor = row.quantity * row.unit_amount_minor;
    },
  },
};

export function deriveFields(object: string, row: Row, before: Row | null): void {
  rules[object]?.derive?.(row, before);
}

/** The history rows a write of `object` from `before` to `after` adds (`dates`: see lifecycleSteps). */
export function historyRows(
  actor: Actor,
  object: string,
  before: Row | null,
  after: Row,
  dates?: StageDates,
): HistoryRow[] {
  return rules[object]?.history?.(actor, before, after, dates) ?? [];
}

export async function afterWrite(tx: Tx, actor: Actor, object: string, before: Row | null, after: Row) {
  for (const history of historyRows(actor, object, before, after)) {
    const row: Row = { workspace_id: actor.workspaceId, id: newId(history.prefix), ...history.row };
    if (row.items !== undefined) row.items = JSON.stringify(row.items);
    await tx.insertInto(history.table).values(row).execute();
  }
}
