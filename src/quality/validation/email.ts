import { createRequire } from "node:module";
import { disposableEmailBlocklistSet } from "disposable-email-domains-js";
import isEmail from "validator/lib/isEmail.js";

const require = createRequire(import.meta.url);
/** Free and webmail providers (gmail.com, web.de, …): derhuerst/email-providers, updated monthly. */
const FREE_MAIL = new Set<string>(require("email-providers/all.json") as string[]);
/** Throwaway inbox domains: the community list of disposable-email-domains. */
const DISPOSABLE = disposableEmailBlocklistSet();

/**
 * Local parts that name a function, not a person: mail to them reaches a team or nobody, so
 * they cannot be a contact's own address.
 */
export const ROLE_LOCAL_PARTS: ReadonlySet<string> = new Set([
  "abuse",
  "accounts",
  "admin",
  "administrator",
  "billing",
  "careers",
  "contact",
  "enquiries",
  "finance",
  "hello",
  "help",
  "hr",
  "info",
  "inquiries",
  "investors",
  "jobs",
  "legal",
  "mail",
  "marketing",
  "media",
  "no-reply",
  "noreply",
  "do-not-reply",
  "donotreply",
  "office",
  "orders",
  "postmaster",
  "press",
  "privacy",
  "sales",
  "security",
  "service",
  "support",
  "team",
  "webmaster",
]);

export interface EmailCheck {
  /** Lowercased and trimmed. */
  email: string;
  valid: boolean;
  /** The part after @ (lowercased), when there is one. */
  domain: string | null;
  disposable: boolean;
  role: boolean;
  freeMail: boolean;
}

/** What can be told about an address without sending mail to it. */
export function checkEmail(raw: string): EmailCheck {
  const email = raw.trim().toLowerCase();
  const at = email.lastIndexOf("@");
  const domain = at > 0 ? email.slice(at + 1) : null;
  const local = at > 0 ? email.slice(0, at).split("+")[0] : "";
  const valid = isEmail(email, { allow_utf8_local_part: true, require_tld: true });
  const disposable = domain !== null && isDisposableDomain(domain);
  return {
    email,
    valid,
    domain,
    disposable,
    role: ROLE_LOCAL_PARTS.has(local),
    freeMail: domain !== null && !disposable && FREE_MAIL.has(domain),
  };
}

/** A disposable domain, or a subdomain of one (x.mailinator.com). */
export function isDisposableDomain(domain: string): boolean {
  for (let d = domain; d.includes("."); d = d.slice(d.indexOf(".") + 1)) {
    if (DISPOSABLE.has(d)) return true;
  }
  return false;
}

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL.has(domain.trim().toLowerCase());
}
