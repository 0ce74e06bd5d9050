import type { FieldType } from "./field-types.ts";

const NULLISH = new Set(["", "n/a", "nan", "null", "none", "nil", "unknown", "-", "--", "?"]);
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ASCII = /[^\u0020-\u007e]/;

/** Lowercase, accents stripped, punctuation to spaces, runs of spaces collapsed. */
export function normaliseText(raw: string): string | null {
  let s = raw.trim().toLowerCase();
  if (NULLISH.has(s)) return null;
  if (NON_ASCII.test(s)) s = s.normalize("NFKD").replace(COMBINING_MARKS, "");
  s = s
    .replace(/['’`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return s.length === 0 ? null : s;
}

// Street words written either way; normalising them lets "5 Main Street" equal "5 main st".
const ADDRESS_WORDS: Record<string, string> = {
  street: "st",
  road: "rd",
  avenue: "ave",
  av: "ave",
  drive: "dr",
  lane: "ln",
  place: "pl",
  court: "ct",
  crescent: "cres",
  boulevard: "blvd",
  highway: "hwy",
  terrace: "tce",
  parade: "pde",
  circuit: "cct",
  square: "sq",
  close: "cl",
  apartment: "apt",
  suite: "ste",
  north: "n",
  south: "s",
  east: "e",
  west: "w",
};

export function normaliseAddress(raw: string): string | null {
  const s = normaliseText(raw);
  return s === null
    ? null
    : s
        .split(" ")
        .map((w) => ADDRESS_WORDS[w] ?? w)
        .join(" ");
}

// Legal-form words carry no identity: "Acme Inc." and "ACME Ltd" are the same company.
const LEGAL_FORMS = new Set([
  "inc",
  "incorporated",
  "ltd",
  "limited",
  "llc",
  "llp",
  "plc",
  "corp",
  "corporation",
  "co",
  "company",
  "gmbh",
  "ag",
  "sa",
  "sas",
  "sarl",
  "bv",
  "nv",
  "pty",
  "srl",
  "spa",
  "oy",
  "ab",
  "as",
  "group",
  "holdings",
  "the",
]);

export function normaliseCompany(raw: string): string | null {
  const s = normaliseText(raw);
  if (s === null) return null;
  const words = s.split(" ").filter((w) => !LEGAL_FORMS.has(w));
  return words.length > 0 ? words.join(" ") : s;
}

export function normaliseEmail(raw: string): string | null {
  const s = raw
    .trim()
    .toLowerCase()
    .replace(/^mailto:/, "");
  const at = s.lastIndexOf("@");
  if (at <= 0 || at === s.length - 1 || /\s/.test(s)) return NULLISH.has(s) ? null : s.length > 0 ? s : null;
  return s;
}

/** Splits a normalised email into local part (without +tags) and domain. */
export function emailParts(email: string): { local: string; domain: string } {
  const at = email.lastIndexOf("@");
  if (at < 0) return { local: email, domain: "" };
  const local = email.slice(0, at);
  const plus = local.indexOf("+");
  return { local: plus > 0 ? local.slice(0, plus) : local, domain: email.slice(at + 1) };
}

/** Digits only, international prefix "00" dropped; fewer than 6 digits is not a phone number. */
export function normalisePhone(raw: string): string | null {
  let digits = raw.replace(/\D/g, "");
  if (digits.startsWith("00")) digits = digits.slice(2);
  return digits.length >= 6 ? digits : null;
}

export function normalisePostcode(raw: string): string | null {
  const s = raw.toLowerCase().replace(/[^a-z0-9]/g, "");
  return NULLISH.has(s) ? null : s;
}

export function normaliseExact(raw: string): string | null {
  const s = raw.trim().toLowerCase().replace(/\s+/g, " ");
  return NULLISH.has(s) ? null : s;
}

export type DayOrder = "dmy" | "mdy";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const pad = (n: number, width: number): string => String(n).padStart(width, "0");
const ymd = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
const fullYear = (y: number): number => (y >= 100 ? y : y + (y > 30 ? 1900 : 2000));

/**
 * Dates to "YYYY-MM-DD" from YYYYMMDD, YYYY-MM-DD (any of - / . as separator, time ignored),
 * DD/MM/YYYY or MM/DD/YYYY (by `order`), and "12 Mar 1980" / "March 12, 1980". Out-of-range
 * months and days are kept, so a typo still compares by its components.
 */
export function normaliseDate(raw: string, order: DayOrder = "dmy"): string | null {
  const s = raw.trim().toLowerCase();
  if (NULLISH.has(s)) return null;
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s) ?? /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t\s].*)?$/.exec(s);
  if (m) return ymd(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4})$/.exec(s);
  if (m) {
    const [a, b] = [+m[1], +m[2]];
    const [day, month] = order === "mdy" && b <= 31 ? [b, a] : [a, b];
    return ymd(fullYear(+m[3]), month, day);
  }
  m = /^(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{2,4})$/.exec(s);
  if (m && MONTHS.includes(m[2])) return ymd(fullYear(+m[3]), MONTHS.indexOf(m[2]) + 1, +m[1]);
  m = /^([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{2,4})$/.exec(s);
  if (m && MONTHS.includes(m[1])) return ymd(fullYear(+m[3]), MONTHS.indexOf(m[1]) + 1, +m[2]);
  return s.replace(/\s+/g, " ");
}

/** Year, month and day of a normalised date, or undefined for an unparsed one. */
export function dateParts(date: string): [number, number, number] | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? [+m[1], +m[2], +m[3]] : undefined;
}

/** A column of slash dates is month-first only if some value cannot be day-first. */
export function detectDayOrder(values: readonly string[]): DayOrder {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const v of values) {
    const m = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.]\d{2,4}\s*$/.exec(v);
    if (!m) continue;
    if (+m[1] > 12) dayFirst++;
    else if (+m[2] > 12) monthFirst++;
  }
  return monthFirst > dayFirst ? "mdy" : "dmy";
}

/** The normaliser for one field type. */
export function normaliserFor(type: FieldType, values: readonly string[]): (raw: string) => string | null {
  switch (type) {
    case "first_name":
    case "last_name":
    case "person_name":
      return normaliseText;
    case "email":
      return normaliseEmail;
    case "phone":
      return normalisePhone;
    case "date": {
      const order = detectDayOrder(values);
      return (raw) => normaliseDate(raw, order);
    }
    case "address":
      return normaliseAddress;
    case "postcode":
      return normalisePostcode;
    case "company":
      return normaliseCompany;
    case "text":
      return normaliseText;
    case "exact":
      return normaliseExact;
  }
}
