import { AppError } from "../../errors/app-error.ts";
import type { ObjectDef } from "../../model/object-def.ts";
import { accounts, contacts } from "../../model/objects/crm.objects.ts";
import { accountReasons } from "./account-rules.ts";
import { type ContactAccount, contactReasons } from "./contact-rules.ts";
import { type QualityReason, scoreOf } from "./reasons.ts";

type Row = Record<string, any>;

/** Bumped whenever a rule or penalty changes, so stored scores are recomputed. */
export const RULES_VERSION = 1;

/** Objects with a quality score. */
export const QUALITY_OBJECTS: readonly ObjectDef[] = [contacts, accounts];

export interface RecordQuality {
  score: number;
  reasons: QualityReason[];
}

/** The score of one record; a contact's also reads its account's country and domain. */
export function scoreRecord(object: string, row: Row, account: ContactAccount | null = null): RecordQuality {
  const reasons = object === "contacts" ? contactReasons(row, account) : accountReasons(row);
  reasons.sort((a, b) => b.penalty - a.penalty || a.code.localeCompare(b.code));
  return { score: scoreOf(reasons), reasons };
}

/** The scored object named by an API path or key, or a 400 naming the ones that are scored. */
export function qualityObject(name: string): ObjectDef {
  const key = name.replaceAll("-", "_");
  const def = QUALITY_OBJECTS.find((d) => d.key === key);
  if (!def)
    throw new AppError(
      "bad_request",
      `object: "${name}" has no quality score; scored objects are ${QUALITY_OBJECTS.map((d) => d.key).join(", ")}`,
      { field: "object" },
    );
  return def;
}

/** Score bands of the workspace distribution, worst first. */
export const SCORE_BUCKETS = [
  { label: "poor", min: 0, max: 49 },
  { label: "fair", min: 50, max: 79 },
  { label: "good", min: 80, max: 99 },
  { label: "perfect", min: 100, max: 100 },
] as const;
