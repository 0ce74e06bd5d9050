import { type RawBuilder, sql } from "kysely";
import type { Dimension } from "./dimensions.ts";
import { NO_GROUP, type Scope } from "./scope.ts";

/** The dimensions a summary keeps, as SQL over its rows. */
export type SummaryDimensions = Partial<Record<Dimension, RawBuilder<unknown>>>;

/** The account dimensions every summary keeps (its row `r`). */
export const ACCOUNT_SUMMARY: SummaryDimensions = { segment: sql`r.segment`, region: sql`r.region` };

const dimsOf = (scope: Scope): Dimension[] => [
  ...(scope.by ? [scope.by] : []),
  ...scope.filters.map((f) => f.dim),
];

/** Whether a summary keeping `dims` can slice and filter as the scope asks. */
export const summarySlices = (scope: Scope, dims: SummaryDimensions): boolean =>
  dimsOf(scope).every((d) => dims[d] !== undefined);

export const usesDimension = (scope: Scope, dim: Dimension): boolean => dimsOf(scope).includes(dim);

/** The group expression and filter conditions over a summary's rows, as `slicing` gives over records'. */
export function summarySlicing(scope: Scope, dims: SummaryDimensions) {
  const expr = (d: Dimension) => dims[d] as RawBuilder<unknown>;
  const conditions = scope.filters.map((f) => {
    const named = f.values.filter((v) => v !== NO_GROUP);
    const alternatives = [
      ...(named.length ? [sql`(${expr(f.dim)})::text in (${sql.join(named)})`] : []),
      ...(named.length < f.values.length ? [sql`(${expr(f.dim)}) is null`] : []),
    ];
    return sql`(${sql.join(alternatives, sql` or `)})`;
  });
  return {
    group: scope.by ? sql`(${expr(scope.by)})::text` : sql`null::text`,
    where: conditions.length ? sql.join(conditions, sql` and `) : sql`true`,
  };
}
