import {
  isDisposableDomain,
  isFreeMailDomain as isFreeMail,
  registrableDomain,
} from "../validation/index.ts";

/** `https://www.mail.Acme.com/about` → `acme.com` (the registrable domain); empty when there is none. */
export function normaliseDomain(value: string | null | undefined): string {
  return registrableDomain(value) ?? "";
}

/** The registrable domain of an email address; empty when there is none. */
export function emailDomain(email: string | null | undefined): string {
  if (!email) return "";
  const at = email.lastIndexOf("@");
  return at < 0 ? "" : normaliseDomain(email.slice(at + 1));
}

/**
 * Whether a domain belongs to a free or disposable mail provider (gmail.com, mailinator.com…),
 * so it says nothing about the company — the same lists the data-quality checks use.
 */
export function isFreeMailDomain(domain: string): boolean {
  return isFreeMail(domain) || isDisposableDomain(domain);
}
