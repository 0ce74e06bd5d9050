import { sql } from "kysely";
import { randomToken } from "../../auth/secrets.ts";
import type { DbOrTx } from "../../db/types.ts";
import { AppError } from "../../errors/app-error.ts";

/** After a rotation the previous secret stays valid this long, so senders can switch over. */
export const ROTATION_GRACE_HOURS = 24;
const SOURCE = /^[a-z0-9_.-]{1,60}$/;

export function checkSource(source: string): string {
  if (!SOURCE.test(source))
    throw new AppError(
      "bad_request",
      "source: letters, digits, dot, dash or underscore (lower case), up to 60",
      {
        field: "source",
      },
    );
  return source;
}

/** A secret the sender made (Stripe's endpoint signing secret): 16–255 visible characters. */
function givenSecret(value: unknown): string {
  if (typeof value !== "string" || !/^[\x21-\x7e]{16,255}$/.test(value))
    throw new AppError(
      "validation_failed",
      "secret: the sender's signing secret, 16 to 255 characters without spaces (e.g. Stripe's whsec_…)",
      { field: "secret" },
    );
  return value;
}

/**
 * Creates or rotates the signing secret of a source; the secret is returned this once. Revline
 * makes one, or keeps the one given: a sender that makes its own (Stripe shows its endpoint's
 * whsec_… secret) signs with that.
 */
export async function rotateWebhookSecret(db: DbOrTx, workspaceId: string, source: string, given?: unknown) {
  checkSource(source);
  const secret = given === undefined ? `whsec_${randomToken(32)}` : givenSecret(given);
  const { rows } = await sql<{ rotated: boolean }>`insert into webhook_secrets (workspace_id, source, secret)
    values (${workspaceId}, ${source}, ${secret})
    on conflict (workspace_id, source) do update set previous_secret = webhook_secrets.secret,
      previous_valid_until = now() + make_interval(hours => ${ROTATION_GRACE_HOURS}),
      secret = excluded.secret, rotated_at = now()
    returning (rotated_at is not null) as rotated`.execute(db);
  return {
    source,
    secret,
    rotated: rows[0].rotated,
    previous_valid_hours: rows[0].rotated ? ROTATION_GRACE_HOURS : 0,
  };
}

export async function listWebhookSources(db: DbOrTx, workspaceId: string) {
  const { rows } = await sql`select source, created_at, rotated_at, previous_valid_until from webhook_secrets
    where workspace_id = ${workspaceId} order by source`.execute(db);
  return rows;
}

/** The secrets a signature may be made with now: the current one and, during the grace period, the previous. */
export async function validSecrets(db: DbOrTx, workspaceId: string, source: string): Promise<string[]> {
  const { rows } = await sql<{ secret: string; previous: string | null }>`select secret,
      case when previous_valid_until > now() then previous_secret end as previous
    from webhook_secrets where workspace_id = ${workspaceId} and source = ${source}`.execute(db);
  if (!rows[0]) return [];
  return [rows[0].secret, ...(rows[0].previous ? [rows[0].previous] : [])];
}
