import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "revline-signature";
/** Stripe signs the same way (`t=…,v1=…`, HMAC-SHA256 of "TIMESTAMP.BODY"): its header is read when Revline's is absent. */
export const STRIPE_SIGNATURE_HEADER = "stripe-signature";
/** A signed request older (or newer) than this is refused, so a captured one cannot be replayed later. */
export const TOLERANCE_SECONDS = 300;

/** HMAC-SHA256 of "TIMESTAMP.BODY" with the secret, hex: what senders put after `v1=`. */
export function signPayload(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
}

/** The header value for a body: `t=TIMESTAMP,v1=SIGNATURE`. */
export function signatureHeader(
  secret: string,
  body: string | Buffer,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  return `t=${timestamp},v1=${signPayload(secret, timestamp, body)}`;
}

export type Verdict = { ok: true; timestamp: number } | { ok: false; reason: string };

/**
 * Checks `t=…,v1=…[,v1=…]` against every valid secret, comparing in constant time, and
 * refuses a timestamp more than the tolerance away from now.
 */
export function verifySignature(
  header: string | undefined,
  body: Buffer,
  secrets: string[],
  nowSeconds = Math.floor(Date.now() / 1000),
): Verdict {
  if (!header) return { ok: false, reason: "Revline-Signature: missing" };
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = parts.find(([k]) => k === "t")?.[1];
  const signatures = parts.filter(([k]) => k === "v1").map(([, v]) => v ?? "");
  const timestamp = Number(t);
  if (!t || !Number.isInteger(timestamp) || signatures.length === 0)
    return { ok: false, reason: "Revline-Signature: expected t=TIMESTAMP,v1=SIGNATURE" };
  if (Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS)
    return { ok: false, reason: `Revline-Signature: timestamp is more than ${TOLERANCE_SECONDS} s from now` };
  for (const secret of secrets) {
    const expected = Buffer.from(signPayload(secret, timestamp, body), "hex");
    for (const given of signatures) {
      const candidate = Buffer.from(given, "hex");
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected))
        return { ok: true, timestamp };
    }
  }
  return { ok: false, reason: "Revline-Signature: signature does not match" };
}
