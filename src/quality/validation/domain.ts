import { parse } from "tldts";

/**
 * The registrable domain of a website or host — "https://www.shop.acme.co.uk/about" →
 * "acme.co.uk" — by the Public Suffix List (private suffixes too, so a shop on
 * acme.myshopify.com keeps its own domain). Null for an IP address or a name without a suffix.
 */
export function registrableDomain(text: string | null | undefined): string | null {
  if (!text) return null;
  const value = text.trim().toLowerCase();
  if (value === "" || /\s/.test(value)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//.test(value) ? value : `http://${value}`;
  const result = parse(withScheme, { allowPrivateDomains: true });
  if (result.isIp || !result.domain || !result.hostname) return null;
  return result.domain;
}
