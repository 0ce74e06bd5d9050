import { contacts } from "../../model/objects/crm.objects.ts";
import { registrableDomain } from "./domain.ts";
import { checkEmail } from "./email.ts";
import { checkPhone } from "./phone.ts";
import { type QualityReason, reason } from "./reasons.ts";
import { missingFields } from "./required-fields.ts";

type Row = Record<string, any>;

/** What a contact's score also reads from its account. */
export interface ContactAccount {
  country: string | null;
  domain: string | null;
}

export function emailReasons(email: string, accountDomain: string | null): QualityReason[] {
  const check = checkEmail(email);
  if (!check.valid) return [reason("email", "email_invalid", `"${email}" is not a valid email address`)];
  const reasons: QualityReason[] = [];
  if (check.disposable)
    reasons.push(
      reason("email", "email_disposable", `${check.domain} is a disposable (throwaway) mail domain`),
    );
  if (check.role)
    reasons.push(reason("email", "email_role", `${check.email} is a role address, not a person's own`));
  if (check.freeMail)
    reasons.push(
      reason("email", "email_free_mail", `${check.domain} is a free mail provider, not a company domain`),
    );
  const company = registrableDomain(accountDomain);
  const own = registrableDomain(check.domain);
  if (!check.freeMail && !check.disposable && company && own && company !== own)
    reasons.push(
      reason("email", "email_domain_mismatch", `domain ${own} is not the account's domain ${company}`),
    );
  return reasons;
}

export function phoneReasons(phone: string, country: string | null, account: ContactAccount | null) {
  const check = checkPhone(phone, [
    { from: "the contact's country", country },
    { from: "the account's country", country: account?.country },
  ]);
  switch (check.problem) {
    case "country_unknown":
      return [
        reason(
          "phone",
          "phone_country_unknown",
          `"${phone}" has no country code and neither the contact nor its account has a country`,
        ),
      ];
    case "unparseable":
      return [reason("phone", "phone_unparseable", `"${phone}" is not a phone number`)];
    case "invalid":
      return [
        reason(
          "phone",
          "phone_invalid",
          `${check.e164} is not a valid number${check.country ? ` in ${check.country}` : ""}`,
        ),
      ];
  }
  if (check.e164 !== phone.trim()) {
    const via = check.inferredFrom ? ` (country from ${check.inferredFrom})` : "";
    return [reason("phone", "phone_not_e164", `"${phone}" is not in E.164 form; it is ${check.e164}${via}`)];
  }
  return [];
}

/** Why a contact is not fully trustworthy, from the contact and its account. */
export function contactReasons(row: Row, account: ContactAccount | null): QualityReason[] {
  const reasons = missingFields(contacts, row);
  if (row.email) reasons.push(...emailReasons(String(row.email), account?.domain ?? null));
  if (row.phone) reasons.push(...phoneReasons(String(row.phone), row.country ?? null, account));
  return reasons;
}
