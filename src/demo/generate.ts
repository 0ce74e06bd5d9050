import { generateAccounts } from "./accounts.ts";
import { buildFoundation } from "./foundation.ts";
import { type DemoOptions, type DemoPlan, demoPlan } from "./plan.ts";
import type { Tables } from "./rows.ts";
import { createStats } from "./stats.ts";
import { buildEpilogue } from "./targets.ts";

/** A demo company being generated: company-wide rows first, then accounts chunk by chunk, then targets. */
export interface DemoRun {
  plan: DemoPlan;
  foundation: Tables;
  accounts(from: number, to: number): Tables;
  /** Call once, after every account: targets and commissions depend on what the accounts did. */
  epilogue(): Tables;
}

/** Pure: no database, no clock (beyond the default `now`), no Math.random. */
export function startDemo(options: DemoOptions = {}, reservedEmails: Set<string> = new Set()): DemoRun {
  const plan = demoPlan(options);
  const { foundation, tables } = buildFoundation(plan, reservedEmails);
  const state = { domains: new Set<string>(), stats: createStats() };
  return {
    plan,
    foundation: tables,
    accounts: (from, to) => generateAccounts(foundation, state, from, Math.min(to, plan.accounts)),
    epilogue: () => buildEpilogue(foundation, state.stats),
  };
}

/** Every table of a whole demo in memory: for tests and small sizes. */
export function generateDemo(options: DemoOptions = {}): Tables {
  const run = startDemo(options);
  const all: Tables = {};
  const add = (tables: Tables) => {
    for (const [table, rows] of Object.entries(tables)) {
      const into = all[table];
      if (into) for (const row of rows) into.push(row);
      else all[table] = [...rows];
    }
  };
  add(run.foundation);
  add(run.accounts(0, run.plan.accounts));
  add(run.epilogue());
  return all;
}
