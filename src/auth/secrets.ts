import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** Argon2id with the library's defaults (19 MiB, t=2), as OWASP recommends for passwords. */
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Session tokens and API keys are 256-bit random; a fast hash is enough to store them. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString("base64url");
export const tokenHash = (token: string): string => createHash("sha256").update(token).digest("hex");
