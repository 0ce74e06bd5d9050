import freemail from "freemail";

/** `https://www.Acme.com/about` → `acme.com`; empty when nothing like a domain is left. */
export function normaliseDomain(value: string | null | undefined): string {
  if (!value) return "";
  return value
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .replace(/^www\./, "")
    .replace(/[/?#:].*$/, "")
    .replace(/\.$/, "");
}

/** The domain of an email address, lowercased; empty when there is none. */
export function emailDomain(email: string | null | undefined): string {
  if (!email) return "";
  const at = email.lastIndexOf("@");
  return at < 0 ? "" : normaliseDomain(email.slice(at + 1));
}

const freeDomains = new Map<string, boolean>();

/**
 * Whether a domain belongs to a free or disposable mail provider (gmail.com, mailinator.com…),
 * so it says nothing about the company: the `freemail` package's maintained lists.
 */
export function isFreeMailDomain(domain: string): boolean {
  let free = freeDomains.get(domain);
  if (free === undefined) {
    free = freemail.isFree(`x@${domain}`);
    freeDomains.set(domain, free);
  }
  return free;
}
