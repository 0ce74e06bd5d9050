import { sql } from "kysely";
import type { Tx } from "../db/types.ts";
import { MOVEMENT_AGGREGATES, MOVEMENT_SUMS } from "./sql/mrr.sql.ts";
import { jsonParam } from "./sql/scope.ts";

/** `(select …)` of the touched items' ids, for `in`. */
export const itemsParam = (items: string[]) => sql`(select jsonb_array_elements_text(${jsonParam(items)}))`;

/**
 * A summary of a per-record pre-aggregate: `add` inserts the sums of its rows (of `items` only,
 * when given; of the months after `after` only, when given) times `sign` — a partial rebuild
 * takes back what the touched records' old rows added, rewrites them and adds the new ones; a
 * month completing adds its rows — then `compact` folds it back to one row per group.
 */
export interface Summary {
  table: string;
  keys: string[];
  sums: string[];
  /** The column that counts rows: a group whose count falls to zero is gone. */
  count: string;
  add(tx: Tx, workspaceId: string, sign: 1 | -1, items?: string[], after?: string): Promise<void>;
}

export async function compact(tx: Tx, workspaceId: string, summary: Summary): Promise<void> {
  const keys = summary.keys.map((k) => sql.ref(k));
  const all = [...summary.keys, ...summary.sums].map((k) => sql.ref(k));
  await sql`with gone as (delete from ${sql.table(summary.table)} where workspace_id = ${workspaceId} returning *)
    insert into ${sql.table(summary.table)} (workspace_id, ${sql.join(all)})
    select ${workspaceId}, ${sql.join(keys)}, ${sql.join(summary.sums.map((c) => sql`sum(${sql.ref(c)})`))}
    from gone group by ${sql.join(keys)} having sum(${sql.ref(summary.count)}) <> 0`.execute(tx);
}

/** What metric_mrr_months sums: the movement rows, and each column of MOVEMENT_AGGREGATES. */
const MRR_SUMS = ["movements", ...MOVEMENT_SUMS];

export const MRR_SUMMARY: Summary = {
  table: "metric_mrr_months",
  keys: ["month", "segment", "region"],
  sums: MRR_SUMS,
  count: "movements",
  async add(tx, ws, sign, accounts, after) {
    await sql`insert into metric_mrr_months (workspace_id, month, segment, region, ${sql.join(MRR_SUMS.map((c) => sql.ref(c)))})
      select ${ws}, x.month, x.segment, x.region, ${sql.join(MRR_SUMS.map((c) => sql`${sql.raw(String(sign))} * ${sql.ref(`x.${c}`)}`))}
      from (select mv.month, mv.segment, mv.region, count(*) as movements, ${MOVEMENT_AGGREGATES}
        from metric_mrr_movements mv where mv.workspace_id = ${ws}
        ${accounts ? sql`and mv.account_id in ${itemsParam(accounts)}` : sql``}
        ${after ? sql`and mv.month > ${after}::date` : sql``}
        group by 1, 2, 3) x`.execute(tx);
  },
};

const OPEN_DEAL_SUMS = ["deals", "amount_minor", "closing_amount_minor", "next_closing_amount_minor"];

export const PIPELINE_SUMMARY: Summary = {
  table: "metric_open_deal_months",
  keys: ["month", "segment", "region", "stage", "currency"],
  sums: OPEN_DEAL_SUMS,
  count: "deals",
  async add(tx, ws, sign, deals, after) {
    await sql`insert into metric_open_deal_months (workspace_id, month, segment, region, stage, currency, ${sql.join(OPEN_DEAL_SUMS.map((c) => sql.ref(c)))})
      select ${ws}, d.month, d.segment, d.region, d.stage, d.currency, ${sql.raw(String(sign))} * count(*), ${sql.raw(String(sign))} * sum(d.amount_minor),
        ${sql.raw(String(sign))} * sum(d.amount_minor) filter (where d.close_date >= d.month and d.close_date < d.month + interval '1 month'),
        ${sql.raw(String(sign))} * sum(d.amount_minor) filter (where d.close_date >= d.month + interval '1 month' and d.close_date < d.month + interval '2 months')
      from metric_open_deals d where d.workspace_id = ${ws}
      ${deals ? sql`and d.opportunity_id in ${itemsParam(deals)}` : sql``}
      ${after ? sql`and d.month > ${after}::date` : sql``}
      group by 2, 3, 4, 5, 6`.execute(tx);
  },
};
