/** The band of a score, as the API's buckets name them (poor < 50 ≤ fair < 80 ≤ good < 100 = perfect). */
export function scoreBand(score: number): "poor" | "fair" | "good" | "perfect" {
  if (score >= 100) return "perfect";
  if (score >= 80) return "good";
  if (score >= 50) return "fair";
  return "poor";
}

/** "missing_first_name" → "Missing first name"; "email_free_mail" → "Email free mail". */
export function reasonLabel(code: string): string {
  const words = code.replace(/_or_/g, " or ").replaceAll("_", " ");
  const label = words.replace(/\be164\b/i, "E.164").replace(/\bid$/, "");
  return label.charAt(0).toUpperCase() + label.slice(1).trim();
}

/** Share of `part` in `whole` as a CSS width, 0% when there is nothing. */
export function share(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : "0%";
}
