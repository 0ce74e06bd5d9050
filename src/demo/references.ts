import type { SubscriptionItem } from "../model/objects/finance.objects.ts";
import { OBJECTS } from "../model/registry.ts";
import type { Tables } from "./rows.ts";

/** Reference fields of every object, from the registry: [table, field, target table]. */
const REFERENCES: Array<[string, string, string]> = OBJECTS.flatMap((def) =>
  Object.entries(def.fields)
    .filter(([, field]) => field.kind === "ref")
    .map(([name, field]) => [def.key, name, field.ref!] as [string, string, string]),
);

/**
 * Checks that every reference in generated rows points at a generated row: foreign keys, the
 * subjects of lifecycle transitions and the products of subscription items. Accounts only
 * point into their own rows and the company-wide ones, so a chunk is checked against itself
 * plus the foundation, in memory, before anything is written.
 */
export function referenceChecker(foundation: Tables): (tables: Tables) => void {
  const idsOf = (tables: Tables) => {
    const ids = new Map<string, Set<string>>();
    for (const [table, rows] of Object.entries(tables))
      ids.set(table, new Set(rows.map((r) => r.id as string)));
    return ids;
  };
  const base = idsOf(foundation);
  return (tables) => {
    const local = tables === foundation ? base : idsOf(tables);
    const exists = (table: string, id: unknown) =>
      typeof id === "string" && (local.get(table)?.has(id) || base.get(table)?.has(id));
    const fail = (table: string, field: string, value: unknown) => {
      throw new Error(`Demo generator bug: ${table}.${field} = ${String(value)} points at no generated row`);
    };
    for (const [table, field, target] of REFERENCES) {
      for (const row of tables[table] ?? []) {
        const value = row[field];
        if (value != null && !exists(target, value)) fail(table, field, value);
      }
    }
    for (const row of tables.lifecycle_transitions ?? []) {
      const target = row.subject_type === "account" ? "accounts" : "contacts";
      if (!exists(target, row.subject_id)) fail("lifecycle_transitions", "subject_id", row.subject_id);
    }
    for (const table of ["subscriptions", "subscription_versions"]) {
      for (const row of tables[table] ?? []) {
        for (const item of row.items as SubscriptionItem[]) {
          if (!exists("products", item.product_id)) fail(table, "items.product_id", item.product_id);
        }
      }
    }
  };
}
