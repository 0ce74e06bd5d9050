import { type FieldSpec, type FieldType, isNameType } from "./field-types.ts";
import { dateParts, emailParts, normaliserFor } from "./normalise.ts";
import { HISTOGRAM_SIZE, writeHistogram } from "./string-similarity.ts";

/**
 * One compared column, normalised once and dictionary-encoded: the hot loops compare integer
 * ids and touch strings only when two values differ.
 */
export interface EncodedField {
  readonly name: string;
  readonly type: FieldType;
  /** Value id per record; -1 when the value is missing. Ids index `values`. */
  readonly codes: Int32Array;
  /** Distinct normalised values; name fields share one list so ids compare across them. */
  readonly values: readonly string[];
  /** How many records of this field hold each value id. */
  readonly counts: Uint32Array;
  readonly nonNull: number;
  /** Per value id, a coarser id: email local part, phone's last 9 digits, sorted name tokens. */
  readonly alt: Int32Array | null;
  /** Per value id, year, month and day of a date (-1 when the date did not parse). */
  readonly dateParts: Int16Array | null;
  /** Per value id, a character histogram (HISTOGRAM_SIZE bytes) for fields with fuzzy string levels. */
  readonly histograms: Uint8Array | null;
  /** Indices of the other name fields, for the "names swapped" comparison level. */
  readonly nameGroup: readonly number[];
}

interface Dictionary {
  ids: Map<string, number>;
  values: string[];
}

const newDictionary = (): Dictionary => ({ ids: new Map(), values: [] });

function idOf(dict: Dictionary, value: string): number {
  let id = dict.ids.get(value);
  if (id === undefined) {
    id = dict.values.length;
    dict.ids.set(value, id);
    dict.values.push(value);
  }
  return id;
}

function encodeColumn(raw: readonly string[], type: FieldType, dict: Dictionary): Int32Array {
  const normalise = normaliserFor(type, raw);
  // Raw values repeat in name and city columns, so each is normalised once; in columns of
  // near-unique values (emails, phones) the cache only costs, and is dropped.
  let byRaw: Map<string, number> | null = new Map();
  let hits = 0;
  const codes = new Int32Array(raw.length);
  for (let r = 0; r < raw.length; r++) {
    const value = raw[r];
    let code = byRaw?.get(value);
    if (code === undefined) {
      const normal = normalise(value);
      code = normal === null ? -1 : idOf(dict, normal);
      byRaw?.set(value, code);
    } else hits++;
    codes[r] = code;
    if (r === 20_000 && hits < 10_000) byRaw = null;
  }
  return codes;
}

function altKey(type: FieldType, value: string): string | null {
  switch (type) {
    case "email":
      return emailParts(value).local;
    case "phone":
      return value.length > 9 ? value.slice(-9) : value;
    case "person_name":
      return value.split(" ").sort().join(" ");
    default:
      return null;
  }
}

function altCodes(type: FieldType, values: readonly string[]): Int32Array | null {
  if (type !== "email" && type !== "phone" && type !== "person_name") return null;
  const dict = newDictionary();
  const alt = new Int32Array(values.length);
  values.forEach((value, id) => {
    const key = altKey(type, value);
    alt[id] = key === null || key.length === 0 ? -1 : idOf(dict, key);
  });
  return alt;
}

function datePartsOf(values: readonly string[]): Int16Array {
  const parts = new Int16Array(values.length * 3).fill(-1);
  values.forEach((value, id) => {
    const ymd = dateParts(value);
    if (ymd) parts.set(ymd, id * 3);
  });
  return parts;
}

const usesHistograms = (type: FieldType): boolean =>
  isNameType(type) || type === "text" || type === "address" || type === "company" || type === "email";

function histogramsOf(values: readonly string[]): Uint8Array {
  const histograms = new Uint8Array(values.length * HISTOGRAM_SIZE);
  values.forEach((value, id) => {
    writeHistogram(value, histograms, id * HISTOGRAM_SIZE);
  });
  return histograms;
}

/** Normalises and encodes the compared columns; `columns[k]` holds the raw values of `specs[k]`. */
export function encodeFields(
  specs: readonly FieldSpec[],
  columns: readonly (readonly string[])[],
): EncodedField[] {
  const names = newDictionary();
  const dictionaries = specs.map((spec) => (isNameType(spec.type) ? names : newDictionary()));
  const codes = specs.map((spec, k) => encodeColumn(columns[k], spec.type, dictionaries[k]));
  const nameFields = specs.flatMap((spec, k) => (isNameType(spec.type) ? [k] : []));
  const nameHistograms = nameFields.length > 0 ? histogramsOf(names.values) : null;
  return specs.map((spec, k) => {
    const { values } = dictionaries[k];
    const counts = new Uint32Array(values.length);
    let nonNull = 0;
    for (const code of codes[k]) {
      if (code < 0) continue;
      counts[code]++;
      nonNull++;
    }
    return {
      name: spec.name,
      type: spec.type,
      codes: codes[k],
      values,
      counts,
      nonNull,
      alt: altCodes(spec.type, values),
      dateParts: spec.type === "date" ? datePartsOf(values) : null,
      histograms: isNameType(spec.type)
        ? nameHistograms
        : usesHistograms(spec.type)
          ? histogramsOf(values)
          : null,
      nameGroup: isNameType(spec.type) ? nameFields.filter((other) => other !== k) : [],
    };
  });
}
