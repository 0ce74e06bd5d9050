import { sql } from "kysely";
import type { DbOrTx } from "../../db/types.ts";
import { emailDomain, isFreeMailDomain, normaliseDomain } from "./normalise-domain.ts";

export interface LeadMatch {
  contact_id: string;
  account_id: string;
  domain: string;
  /** How many accounts share the domain: 1 is a clear match, more needs a person to choose. */
  candidates: number;
}

interface Lead {
  id: string;
  email: string | null;
}
interface Company {
  id: string;
  domain: string | null;
}

/**
 * Leads (contacts without an account) whose email domain is an account's domain or website:
 * the account they most likely belong to. Free and disposable mail domains say nothing about
 * a company and are skipped. Pure.
 */
export function matchLeadsToAccounts(leads: readonly Lead[], accounts: readonly Company[]): LeadMatch[] {
  const byDomain = new Map<string, string[]>();
  for (const a of accounts) {
    const domain = normaliseDomain(a.domain);
    if (domain) byDomain.set(domain, [...(byDomain.get(domain) ?? []), a.id]);
  }
  const matches: LeadMatch[] = [];
  for (const lead of leads) {
    const domain = emailDomain(lead.email);
    if (!domain || isFreeMailDomain(domain)) continue;
    const found = byDomain.get(domain);
    if (!found) continue;
    for (const accountId of found)
      matches.push({ contact_id: lead.id, account_id: accountId, domain, candidates: found.length });
  }
  return matches;
}

export async function loadLeadsAndAccounts(db: DbOrTx, workspaceId: string) {
  const leads = await sql<Lead>`select id, email from contacts
    where workspace_id = ${workspaceId} and account_id is null and email is not null order by id`.execute(db);
  const accounts = await sql<Company>`select id, coalesce(nullif(domain, ''), website) as domain from accounts
    where workspace_id = ${workspaceId} and coalesce(nullif(domain, ''), website) is not null order by id`.execute(
    db,
  );
  return { leads: leads.rows, accounts: accounts.rows };
}
