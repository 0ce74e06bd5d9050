import { describe, expect, it } from "vitest";
import { signatureHeader, signPayload, verifySignature } from "./signature.ts";

describe("webhook signatures", () => {
  const body = Buffer.from('{"id":"evt_1"}');
  const now = 1_767_225_600;

  it("is HMAC-SHA256 of TIMESTAMP.BODY, hex (the same as openssl)", () => {
    // printf '1767225600.{"id":"evt_1"}' | openssl dgst -sha256 -hmac whsec_test
    expect(signPayload("whsec_test", now, body)).toBe(
      "45b40331de0325606dc5400202ade162460fbe48daf9401adfdcd0d7b4f35470",
    );
    expect(signPayload("whsec_test", now, body)).not.toBe(signPayload("whsec_test", now + 1, body));
  });

  it("accepts a fresh signature from any valid secret, including a second v1", () => {
    const header = signatureHeader("old", body, now);
    expect(verifySignature(header, body, ["new", "old"], now)).toEqual({ ok: true, timestamp: now });
    const two = `t=${now},v1=${"0".repeat(64)},v1=${signPayload("new", now, body)}`;
    expect(verifySignature(two, body, ["new"], now).ok).toBe(true);
  });

  it("refuses wrong secrets, changed bodies, stale or future timestamps and malformed headers", () => {
    const header = signatureHeader("s", body, now);
    expect(verifySignature(header, body, ["other"], now)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("does not match"),
    });
    expect(verifySignature(header, Buffer.from('{"id":"evt_2"}'), ["s"], now).ok).toBe(false);
    expect(verifySignature(header, body, ["s"], now + 301)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("300 s"),
    });
    expect(verifySignature(header, body, ["s"], now - 301).ok).toBe(false);
    expect(verifySignature(header, body, ["s"], now + 300).ok).toBe(true);
    expect(verifySignature(undefined, body, ["s"], now).ok).toBe(false);
    expect(verifySignature("v1=abc", body, ["s"], now).ok).toBe(false);
    expect(verifySignature(`t=${now},v1=zz`, body, ["s"], now).ok).toBe(false);
  });
});
