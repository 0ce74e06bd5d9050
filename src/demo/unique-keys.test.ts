import { expect, it } from "vitest";
import { startDemo } from "./generate.ts";

// The 100,000-account load once failed on a duplicate contact external id: a second arrival of
// a contact was numbered after the contacts kept, not after every contact planned. This checks
// the account range where that happened with the default seed.
// Generates a whole mid-size company: seconds, more on a busy machine.
it("gives every record a unique external id, including contacts that arrive twice", {
  timeout: 60_000,
}, () => {
  const run = startDemo({ accounts: 100_000, now: new Date("2026-11-28T00:00:00Z") });
  const tables = run.accounts(12_000, 12_700);
  for (const [table, rows] of Object.entries(tables)) {
    const keys = rows.map((r) => (r as { external_id?: string }).external_id).filter(Boolean);
    expect(new Set(keys).size, table).toBe(keys.length);
  }
});
