import { AppError } from "../../errors/app-error.ts";

/** What a column holds; decides how it is normalised, compared and blocked on. */
export const FIELD_TYPES = [
  "first_name",
  "last_name",
  "person_name",
  "email",
  "phone",
  "date",
  "address",
  "postcode",
  "company",
  "text",
  "exact",
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldSpec {
  name: string;
  type: FieldType;
}

export const isNameType = (type: FieldType): boolean =>
  type === "first_name" || type === "last_name" || type === "person_name";

const ALIASES: Record<string, FieldType> = {
  name: "person_name",
  full_name: "person_name",
  firstname: "first_name",
  given_name: "first_name",
  lastname: "last_name",
  surname: "last_name",
  family_name: "last_name",
  zip: "postcode",
  postal_code: "postcode",
  dob: "date",
  id: "exact",
  organisation: "company",
  organization: "company",
  city: "text",
};

/** Parses `--fields name:type,…`; unknown types are an error that names the field. */
export function parseFieldSpecs(spec: string): FieldSpec[] {
  return spec
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const colon = part.lastIndexOf(":");
      if (colon <= 0) {
        throw new AppError("validation_failed", `--fields entry "${part}" must be NAME:TYPE`, {
          field: "fields",
        });
      }
      const name = part.slice(0, colon).trim();
      const raw = part
        .slice(colon + 1)
        .trim()
        .toLowerCase()
        .replace(/-/g, "_");
      const type = (FIELD_TYPES as readonly string[]).includes(raw) ? (raw as FieldType) : ALIASES[raw];
      if (!type) {
        throw new AppError(
          "validation_failed",
          `--fields: column "${name}" has unknown type "${raw}"; use one of ${FIELD_TYPES.join(", ")}`,
          { field: "fields" },
        );
      }
      return { name, type };
    });
}

const key = (header: string): string =>
  header
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");

/** The type a column's name suggests, or undefined when the name says nothing. */
export function typeFromName(header: string): FieldType | undefined {
  const k = key(header);
  if (/e_?mail/.test(k)) return "email";
  if (/phone|mobile|(^|_)tel(_|$)|telephone|(^|_)fax(_|$)|(^|_)cell/.test(k)) return "phone";
  if (/post_?code|(^|_)zip|postal|pin_?code/.test(k)) return "postcode";
  if (/(^|_)dob(_|$)|birth|date|(^|_)born|_at$|_on$/.test(k)) return "date";
  if (/compan|organi[sz]ation|(^|_)org(_|$)|employer|business|account_name|firm/.test(k)) return "company";
  if (/first|given|fore_?name|(^|_)fname/.test(k)) return "first_name";
  if (/last_?name|surname|family|(^|_)lname/.test(k)) return "last_name";
  if (/addr|street|(^|_)road|(^|_)line_?\d/.test(k)) return "address";
  if (/name/.test(k)) return "person_name";
  if (/(^|_)id$|_id_|_no$|_num(ber)?$|(^|_)ssn|(^|_)code$/.test(k)) return "exact";
  return undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().\-/]{7,24}$/;
const DATE =
  /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}([T\s].*)?|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|(1[89]|20)\d{2}(0\d|1[0-2])([0-2]\d|3[01]))$/;
const DIGITS = /^\d+$/;

interface ValueProfile {
  share: (test: (v: string) => boolean) => number;
  distinctRatio: number;
  meanLength: number;
}

function profile(values: readonly string[]): ValueProfile {
  const filled = values.filter((v) => v.length > 0);
  const sample = filled.slice(0, 2000);
  const distinct = new Set(sample).size;
  return {
    share: (test) => (sample.length === 0 ? 0 : sample.filter(test).length / sample.length),
    distinctRatio: sample.length === 0 ? 0 : distinct / sample.length,
    meanLength: sample.length === 0 ? 0 : sample.reduce((s, v) => s + v.length, 0) / sample.length,
  };
}

/**
 * Infers a column's type from its name and its values. Values win where they are unambiguous
 * (emails, dates, formatted phone numbers); the name decides between the text-like types.
 */
export function inferFieldType(header: string, values: readonly string[]): FieldType {
  const byName = typeFromName(header);
  const p = profile(values);
  if (p.share((v) => EMAIL.test(v)) >= 0.8) return "email";
  if (p.share((v) => DATE.test(v)) >= 0.8 && (byName === "date" || byName === undefined)) return "date";
  const phoneLike = p.share((v) => PHONE.test(v) && v.replace(/\D/g, "").length >= 7);
  const formatted = p.share((v) => /[\s().\-+/]/.test(v));
  if (phoneLike >= 0.8 && (byName === "phone" || (byName === undefined && formatted >= 0.5))) return "phone";
  const textLike = byName === "address" || byName === "text" || byName === "company";
  if (textLike && p.share((v) => DIGITS.test(v)) >= 0.9) return "exact";
  if (byName !== undefined) return byName;
  if (
    p.share((v) => DIGITS.test(v) || /^[a-z0-9]{2,10}$/i.test(v)) >= 0.9 &&
    p.share((v) => /\d/.test(v)) >= 0.9
  ) {
    return "exact";
  }
  return p.meanLength > 0 && p.distinctRatio > 0 ? "text" : "exact";
}

/** Types for every compared column: the user's `--fields` where given, inference elsewhere. */
export function resolveFieldSpecs(
  headers: readonly string[],
  columns: readonly (readonly string[])[],
  options: { idColumn: string; ignore?: readonly string[]; fields?: readonly FieldSpec[] },
): FieldSpec[] {
  const known = new Set(headers);
  for (const name of [...(options.ignore ?? []), ...(options.fields ?? []).map((f) => f.name)]) {
    if (!known.has(name)) {
      throw new AppError(
        "validation_failed",
        `Column "${name}" is not in the file (has: ${headers.join(", ")})`,
        {
          field: name,
        },
      );
    }
  }
  if (options.fields && options.fields.length > 0)
    return options.fields.filter((f) => f.name !== options.idColumn);
  const ignored = new Set([options.idColumn, ...(options.ignore ?? [])]);
  const specs: FieldSpec[] = [];
  headers.forEach((name, index) => {
    if (ignored.has(name)) return;
    const values = columns[index];
    if (!values.some((v) => v.length > 0)) return;
    specs.push({ name, type: inferFieldType(name, values) });
  });
  return specs;
}
