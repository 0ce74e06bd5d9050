import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { countryCode } from "./country.ts";

const E164 = /^\+[1-9]\d{7,14}$/;
const INTERNATIONAL_WRITTEN = /^\+[\d\s().\-/]+$/;

export type PhoneProblem = "unparseable" | "invalid" | "country_unknown";

export interface PhoneCheck {
  /** The number in E.164 form when it parses (also for an invalid number, to show it). */
  e164: string | null;
  valid: boolean;
  /** Country the number belongs to (from its calling code, or the one inferred). */
  country: CountryCode | null;
  /** Country used to read a number written the national way, and where it came from. */
  inferredFrom: string | null;
  problem: PhoneProblem | null;
}

/**
 * Parses a phone number with libphonenumber (full metadata, so validity follows each
 * country's numbering plan). A number written the national way ("030 1234567") is read in the
 * first country of `hints` that names one — the record's country, then its account's.
 */
export function checkPhone(
  raw: string,
  hints: Array<{ from: string; country: string | null | undefined }>,
): PhoneCheck {
  const text = raw.trim();
  if (!/\d/.test(text))
    return { e164: null, valid: false, country: null, inferredFrom: null, problem: "unparseable" };
  const international = text.startsWith("+");
  let country: CountryCode | undefined;
  let inferredFrom: string | null = null;
  if (!international) {
    for (const hint of hints) {
      country = countryCode(hint.country);
      if (country) {
        inferredFrom = hint.from;
        break;
      }
    }
    if (!country) {
      return { e164: null, valid: false, country: null, inferredFrom: null, problem: "country_unknown" };
    }
  }
  const parsed = parsePhoneNumberFromString(text, country ? { defaultCountry: country } : undefined);
  if (!parsed)
    return { e164: null, valid: false, country: country ?? null, inferredFrom, problem: "unparseable" };
  const valid = parsed.isValid();
  return {
    e164: parsed.number,
    valid,
    country: parsed.country ?? country ?? null,
    inferredFrom,
    problem: valid ? null : "invalid",
  };
}

/**
 * The phone a write stores. Kept cheap because imports write millions of rows: an E.164 value
 * is kept; an international number with spaces, dashes, dots or brackets loses them (the same
 * digits, so nothing is lost); a national number is parsed in the record's own country and
 * stored as E.164 when valid. Anything else is stored as typed — the quality score flags it.
 */
export function phoneOnWrite(raw: string, country: string | null | undefined): string {
  const text = raw.trim();
  if (E164.test(text)) return text;
  if (INTERNATIONAL_WRITTEN.test(text)) {
    // "+44 (0)20 …": the bracketed trunk zero is dialled only from inside the country.
    const digits = `+${text.slice(1).replace("(0)", "").replace(/\D/g, "")}`;
    return E164.test(digits) ? digits : text;
  }
  const code = countryCode(country);
  if (!code || !/\d/.test(text)) return text;
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: code });
  return parsed?.isValid() && !parsed.ext ? parsed.number : text;
}
