import type { EncodedField } from "./encode-fields.ts";
import { isNameType } from "./field-types.ts";
import { phoneticKey } from "./string-similarity.ts";

/** A per-record key (value id, -1 when missing) with the field it comes from. */
export interface KeyPart {
  label: string;
  field: number;
  keys: Int32Array;
  /** Keys are below this. */
  size: number;
}

/** Maps every value id of a field through `derive` to a coarser key id (-1 for none). */
function derivedPart(
  field: EncodedField,
  k: number,
  label: string,
  derive: (v: string) => string | null,
): KeyPart {
  const ids = new Map<string, number>();
  const byValue = new Int32Array(field.values.length);
  field.values.forEach((value, id) => {
    const key = derive(value);
    if (key === null || key.length === 0) {
      byValue[id] = -1;
      return;
    }
    let keyId = ids.get(key);
    if (keyId === undefined) {
      keyId = ids.size;
      ids.set(key, keyId);
    }
    byValue[id] = keyId;
  });
  const keys = new Int32Array(field.codes.length);
  field.codes.forEach((code, r) => {
    keys[r] = code < 0 ? -1 : byValue[code];
  });
  return { label: `${label}(${field.name})`, field: k, keys, size: ids.size };
}

const firstWord = (value: string): string | null =>
  value.split(" ").find((w) => /^\p{L}{2,}/u.test(w)) ?? null;

/** The coarse, typo-tolerant key of a field, when its type has one. */
export function robustPart(field: EncodedField, k: number): KeyPart | null {
  if (isNameType(field.type))
    return derivedPart(field, k, "sounds like", (v) => phoneticKey(v.replace(/ /g, "")));
  switch (field.type) {
    case "email":
      return derivedPart(field, k, "local part", (v) => v.slice(0, Math.max(0, v.lastIndexOf("@"))) || v);
    case "phone":
      return derivedPart(field, k, "last 7 digits", (v) => v.slice(-7));
    case "date":
      return derivedPart(field, k, "year", (v) => v.slice(0, 4));
    case "postcode":
      return derivedPart(field, k, "start", (v) => v.slice(0, Math.max(2, v.length - 2)));
    case "address":
    case "company":
    case "text":
      return derivedPart(field, k, "first word", firstWord);
    default:
      return null;
  }
}

/** Reusable arrays indexed by key, so grouping allocates nothing per candidate. */
export interface Scratch {
  remap: Int32Array;
  stamp: Int32Array;
  slot: Int32Array;
}

export const newScratch = (size: number): Scratch => ({
  remap: new Int32Array(size).fill(-1),
  stamp: new Int32Array(size).fill(-1),
  slot: new Int32Array(size),
});

/**
 * Dense group ids of `rows` under a candidate's key (-1 when a part is missing), without hashing:
 * rows are grouped by the first part with a remap array, then by the second part inside each
 * first-part group with a stamped array.
 */
export function groupRows(
  parts: readonly KeyPart[],
  unordered: boolean,
  rows: Int32Array,
  scratch: Scratch,
): { ids: Int32Array; count: number } {
  const m = rows.length;
  const ids = new Int32Array(m).fill(-1);
  const first = new Int32Array(m);
  const second = new Int32Array(m);
  const [p, q] = parts;
  for (let t = 0; t < m; t++) {
    let x = p.keys[rows[t]];
    let y = q ? q.keys[rows[t]] : 0;
    if (unordered && y < x) [x, y] = [y, x];
    first[t] = y < 0 ? -1 : x;
    second[t] = y;
  }
  const { remap, stamp, slot } = scratch;
  let firstGroups = 0;
  for (let t = 0; t < m; t++) {
    const x = first[t];
    if (x < 0) continue;
    if (remap[x] < 0) remap[x] = firstGroups++;
  }
  if (!q) {
    for (let t = 0; t < m; t++) if (first[t] >= 0) ids[t] = remap[first[t]];
    for (let t = 0; t < m; t++) if (first[t] >= 0) remap[first[t]] = -1;
    return { ids, count: firstGroups };
  }
  const start = new Int32Array(firstGroups + 1);
  for (let t = 0; t < m; t++) if (first[t] >= 0) start[remap[first[t]] + 1]++;
  for (let g = 0; g < firstGroups; g++) start[g + 1] += start[g];
  const order = new Int32Array(start[firstGroups]);
  const fill = start.slice(0, firstGroups);
  for (let t = 0; t < m; t++) if (first[t] >= 0) order[fill[remap[first[t]]]++] = t;
  for (let t = 0; t < m; t++) if (first[t] >= 0) remap[first[t]] = -1;
  let count = 0;
  for (let g = 0; g < firstGroups; g++) {
    for (let k = start[g]; k < start[g + 1]; k++) {
      const t = order[k];
      const y = second[t];
      if (stamp[y] !== g) {
        stamp[y] = g;
        slot[y] = count++;
      }
      ids[t] = slot[y];
    }
  }
  for (let k = 0; k < order.length; k++) stamp[second[order[k]]] = -1;
  return { ids, count };
}
