/** One thing that lowers a record's quality score. */
export interface QualityReason {
  field: string;
  code: string;
  message: string;
  penalty: number;
}

/**
 * Points a record loses per problem (docs/data-quality.md lists them with examples). A
 * record's score is 100 minus the sum of its penalties, never below 0.
 */
export const PENALTIES = {
  missing_required: 30,
  email_invalid: 40,
  email_disposable: 30,
  email_role: 10,
  email_free_mail: 10,
  email_domain_mismatch: 5,
  phone_unparseable: 20,
  phone_invalid: 20,
  phone_country_unknown: 10,
  phone_not_e164: 5,
  domain_invalid: 25,
  domain_free_mail: 20,
  domain_not_normalised: 5,
  website_invalid: 10,
  website_domain_mismatch: 5,
} as const;

export type PenaltyCode = keyof typeof PENALTIES;

export function reason(field: string, code: PenaltyCode, message: string): QualityReason {
  return { field, code, message: `${field}: ${message}`, penalty: PENALTIES[code] };
}

export function scoreOf(reasons: readonly QualityReason[]): number {
  return Math.max(0, 100 - reasons.reduce((sum, r) => sum + r.penalty, 0));
}
