import { z } from "zod";
import type { Db, Tx } from "../../db/types.ts";
import { AppError, notFound } from "../../errors/app-error.ts";
import { objectDef } from "../../model/registry.ts";
import {
  type Actor,
  type Change,
  inTransaction,
  journal,
  type Row,
  toApi,
  updateRow,
  validate,
} from "../../records/index.ts";
import { findRow } from "../../records/write-record.ts";
import { matchLeadsToAccounts } from "./lead-matches.ts";

export const MAX_LEAD_LINKS = 500;

const id = z.string().min(1).max(100);
const version = z.number().int().min(1).optional();
const linkSchema = z.object({ account_id: id, version }).strict();
const bulkSchema = z
  .object({
    links: z
      .array(z.object({ contact_id: id, account_id: id, version }).strict())
      .min(1)
      .max(MAX_LEAD_LINKS),
  })
  .strict();

export interface LeadLink {
  contact_id: string;
  account_id: string;
  /** The contact version the caller last saw; a newer stored version answers 409. */
  version?: number;
}

/**
 * Why a lead cannot be linked to an account, or null when it can: the contact must have no
 * account yet and its email domain must name the account (the same rule as the lead match list).
 * Pure.
 */
export function linkRefusal(
  contact: { id: string; email: string | null; account_id: string | null },
  account: { id: string; domain: string | null; website: string | null },
): AppError | null {
  if (contact.account_id === account.id) return null;
  if (contact.account_id) {
    return new AppError(
      "validation_failed",
      `contact_id: contact ${contact.id} already belongs to account ${contact.account_id}`,
      { field: "contact_id" },
    );
  }
  const matches = matchLeadsToAccounts(
    [{ id: contact.id, email: contact.email }],
    [{ id: account.id, domain: account.domain || account.website }],
  );
  if (matches.length > 0) return null;
  return new AppError(
    "validation_failed",
    `account_id: account ${account.id} is not a match for contact ${contact.id} (its email domain does not name the account)`,
    { field: "account_id" },
  );
}

async function linkOne(tx: Tx, actor: Actor, link: LeadLink): Promise<[Row, Change | null]> {
  const contacts = objectDef("contacts");
  const contact = await findRow(tx, contacts, actor.workspaceId, link.contact_id, true);
  if (!contact)
    throw new AppError("not_found", notFound("contact", link.contact_id).message, { field: "contact_id" });
  const account = await findRow(tx, objectDef("accounts"), actor.workspaceId, link.account_id);
  if (!account)
    throw new AppError("not_found", notFound("account", link.account_id).message, { field: "account_id" });
  if (link.version !== undefined && contact.version !== link.version) {
    throw new AppError(
      "version_conflict",
      `version: contact ${contact.id} is at version ${contact.version}, not ${link.version}; someone else saved it first`,
      { field: "version", extra: { current_version: contact.version, current: toApi(contacts, contact) } },
    );
  }
  const refusal = linkRefusal(contact as never, account as never);
  if (refusal) throw refusal;
  return updateRow(tx, actor, contacts, contact, { account_id: account.id });
}

/** Sets a lead's account to one of its matches, through the one write path (audit, outbox, history). */
export async function linkLead(db: Db, actor: Actor, contactId: string, input: unknown): Promise<Row> {
  const body = validate(linkSchema, input ?? {}) as z.infer<typeof linkSchema>;
  return inTransaction(db, "write", async (tx) => {
    const [row, change] = await linkOne(tx, actor, { contact_id: contactId, ...body });
    if (change) await journal(tx, actor, [change]);
    return toApi(objectDef("contacts"), row);
  });
}

/** Links several leads at once, all or nothing: the first refusal names its link and rolls back all. */
export async function linkLeads(db: Db, actor: Actor, input: unknown): Promise<{ data: Row[] }> {
  const { links } = validate(bulkSchema, input ?? {}) as z.infer<typeof bulkSchema>;
  const seen = new Set<string>();
  links.forEach((link, row) => {
    if (seen.has(link.contact_id)) {
      throw new AppError(
        "validation_failed",
        `links[${row}].contact_id: ${link.contact_id} is linked twice`,
        {
          field: "contact_id",
          details: [
            { row, field: "contact_id", code: "duplicate", message: `${link.contact_id} is linked twice` },
          ],
        },
      );
    }
    seen.add(link.contact_id);
  });
  return inTransaction(db, "write", async (tx) => {
    const rows: Row[] = [];
    const changes: Change[] = [];
    for (const [row, link] of links.entries()) {
      try {
        const [stored, change] = await linkOne(tx, actor, link);
        rows.push(toApi(objectDef("contacts"), stored));
        if (change) changes.push(change);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        throw new AppError(error.code, `links[${row}]: ${error.message}`, {
          field: error.field,
          details: [{ row, field: error.field, code: error.code, message: error.message }],
          extra: error.extra,
        });
      }
    }
    if (changes.length > 0) await journal(tx, actor, changes);
    return { data: rows };
  });
}
