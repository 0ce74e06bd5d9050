import type { ObjectDef } from "../../model/object-def.ts";
import type { QualityReason } from "./reasons.ts";
import { PENALTIES } from "./reasons.ts";

type Row = Record<string, unknown>;

/**
 * Fields a RevOps team needs filled, beyond what the data model requires, and what a record
 * loses without each. `fields` with more than one name is satisfied by any of them.
 */
export const NEEDED_FIELDS: Record<
  string,
  ReadonlyArray<{ fields: string[]; penalty: number; why: string }>
> = {
  contacts: [
    { fields: ["email", "phone"], penalty: 25, why: "no way to reach the person" },
    { fields: ["first_name"], penalty: 10, why: "mail merges and matching need it" },
    { fields: ["last_name"], penalty: 10, why: "mail merges and matching need it" },
    { fields: ["account_id"], penalty: 10, why: "not linked to an account, so it counts for no company" },
    { fields: ["title"], penalty: 5, why: "persona and buying-role reports need it" },
    { fields: ["country"], penalty: 5, why: "territory routing and phone numbers need it" },
  ],
  accounts: [
    { fields: ["domain"], penalty: 20, why: "matching contacts and leads to the account needs it" },
    { fields: ["industry"], penalty: 10, why: "segment reports and targeting need it" },
    { fields: ["country"], penalty: 10, why: "territory routing needs it" },
    { fields: ["owner_id"], penalty: 10, why: "nobody owns it" },
    { fields: ["segment"], penalty: 5, why: "segment reports need it" },
    { fields: ["employees"], penalty: 5, why: "ideal-customer scoring needs it" },
  ],
};

const filled = (value: unknown) => value !== null && value !== undefined && String(value).trim() !== "";

/** Missing fields: the ones the data model requires (registry), then the ones RevOps needs. */
export function missingFields(def: ObjectDef, row: Row): QualityReason[] {
  const reasons: QualityReason[] = [];
  for (const [name, field] of Object.entries(def.fields)) {
    if (field.required && !filled(row[name])) {
      reasons.push({
        field: name,
        code: `missing_${name}`,
        message: `${name}: is required by the data model but empty`,
        penalty: PENALTIES.missing_required,
      });
    }
  }
  for (const need of NEEDED_FIELDS[def.key] ?? []) {
    if (need.fields.some((f) => filled(row[f]))) continue;
    const label = need.fields.join(" or ");
    reasons.push({
      field: need.fields[0],
      code: `missing_${need.fields.join("_or_")}`,
      message: `${label}: empty — ${need.why}`,
      penalty: need.penalty,
    });
  }
  return reasons;
}
