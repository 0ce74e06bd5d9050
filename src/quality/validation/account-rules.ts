import { accounts } from "../../model/objects/crm.objects.ts";
import { registrableDomain } from "./domain.ts";
import { isFreeMailDomain } from "./email.ts";
import { type QualityReason, reason } from "./reasons.ts";
import { missingFields } from "./required-fields.ts";

type Row = Record<string, any>;

export function accountReasons(row: Row): QualityReason[] {
  const reasons = missingFields(accounts, row);
  const typed = row.domain ? String(row.domain).trim().toLowerCase() : null;
  const domain = registrableDomain(typed);
  if (typed && !domain)
    reasons.push(reason("domain", "domain_invalid", `"${row.domain}" is not a domain name`));
  if (typed && domain && domain !== typed)
    reasons.push(reason("domain", "domain_not_normalised", `"${row.domain}" should be ${domain}`));
  if (domain && isFreeMailDomain(domain))
    reasons.push(
      reason("domain", "domain_free_mail", `${domain} is a free mail provider, not the company's domain`),
    );
  if (row.website) {
    const site = registrableDomain(String(row.website));
    if (!site) reasons.push(reason("website", "website_invalid", `"${row.website}" is not a web address`));
    else if (domain && site !== domain)
      reasons.push(
        reason("website", "website_domain_mismatch", `${site} is not the account's domain ${domain}`),
      );
    else if (!typed) {
      const missing = reasons.find((r) => r.code === "missing_domain");
      if (missing) missing.message += ` (the website says ${site})`;
    }
  }
  return reasons;
}
