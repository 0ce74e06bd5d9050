import { type CountryCode, getCountries } from "libphonenumber-js/min";

const CODES = new Set<string>(getCountries());
const names = new Intl.DisplayNames(["en"], { type: "region" });

/** English names (and a few everyday aliases) of every country libphonenumber knows. */
const BY_NAME = new Map<string, CountryCode>();
for (const code of getCountries()) {
  const name = names.of(code);
  if (name) BY_NAME.set(simplify(name), code);
}
for (const [alias, code] of [
  ["usa", "US"],
  ["united states of america", "US"],
  ["america", "US"],
  ["uk", "GB"],
  ["great britain", "GB"],
  ["england", "GB"],
  ["scotland", "GB"],
  ["wales", "GB"],
  ["deutschland", "DE"],
  ["holland", "NL"],
  ["the netherlands", "NL"],
  ["espana", "ES"],
  ["south korea", "KR"],
  ["korea", "KR"],
  ["russia", "RU"],
  ["uae", "AE"],
] as const)
  BY_NAME.set(alias, code);

function simplify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** ISO 3166 alpha-2 code of a country written as a code ("de", "UK") or a name ("Germany"). */
export function countryCode(text: string | null | undefined): CountryCode | undefined {
  if (!text) return undefined;
  const upper = text.trim().toUpperCase();
  if (upper === "UK") return "GB";
  if (CODES.has(upper)) return upper as CountryCode;
  return BY_NAME.get(simplify(text));
}
