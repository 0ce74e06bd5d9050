import { randomFillSync } from "node:crypto";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

// Random bytes are drawn from a pooled buffer: one system call per 4,096 ids instead of one
// per id, which matters when the demo loader or an import makes millions of them.
const pool = Buffer.alloc(12 * 4096);
let offset = pool.length;

function randomChars(count: number): string {
  if (offset + count > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  let out = "";
  for (let i = 0; i < count; i++) out += ALPHABET[pool[offset + i] % 32];
  offset += count;
  return out;
}

/**
 * Readable, time-ordered ids such as `acc_01jd3k…`: a prefix naming the object, 10 characters
 * of millisecond time (Crockford base32) and 12 random ones. Sorting ids sorts by creation.
 */
export function newId(prefix: string, now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return `${prefix}_${time}${randomChars(12)}`;
}
