import type { LeadMatch } from "./duplicates.types.ts";

/** One lead with every account its email domain names (one is a clear match; more needs a choice). */
export interface LeadGroup {
  contact_id: string;
  email: string;
  name: string;
  domain: string;
  accounts: Array<{ id: string; name: string }>;
}

/** Groups match rows by lead, keeping the order the API gave (clear matches first). Pure. */
export function groupLeadMatches(rows: readonly LeadMatch[]): LeadGroup[] {
  const groups = new Map<string, LeadGroup>();
  for (const row of rows) {
    let group = groups.get(row.contact_id);
    if (!group) {
      group = {
        contact_id: row.contact_id,
        email: row.email,
        name: [row.first_name, row.last_name].filter(Boolean).join(" "),
        domain: row.explanation?.domain ?? row.email.slice(row.email.lastIndexOf("@") + 1),
        accounts: [],
      };
      groups.set(row.contact_id, group);
    }
    group.accounts.push({ id: row.account_id, name: row.account_name });
  }
  return [...groups.values()];
}
