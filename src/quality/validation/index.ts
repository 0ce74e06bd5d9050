// Data validation and quality scores: pure rules (email, phone, domain, needed fields) and the
// stored per-record scores read by the API, CLI and web page. Other modules import from here.

export { accountReasons } from "./account-rules.ts";
export { type ContactAccount, contactReasons } from "./contact-rules.ts";
export { countryCode } from "./country.ts";
export { registrableDomain } from "./domain.ts";
export {
  checkEmail,
  type EmailCheck,
  isDisposableDomain,
  isFreeMailDomain,
  ROLE_LOCAL_PARTS,
} from "./email.ts";
export { normaliseAccount, normaliseContact } from "./on-write.ts";
export { checkPhone, type PhoneCheck, phoneOnWrite } from "./phone.ts";
export {
  listRecordQuality,
  type ObjectQuality,
  type QualityListQuery,
  qualitySummary,
  recordQuality,
  type ScoredRecord,
} from "./quality-report.ts";
export { PENALTIES, type QualityReason, scoreOf } from "./reasons.ts";
export { refreshScores } from "./refresh-scores.ts";
export { NEEDED_FIELDS } from "./required-fields.ts";
export {
  QUALITY_OBJECTS,
  qualityObject,
  type RecordQuality,
  RULES_VERSION,
  SCORE_BUCKETS,
  scoreRecord,
} from "./score-record.ts";
