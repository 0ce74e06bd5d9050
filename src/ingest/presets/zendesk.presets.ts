import type { SourceRow } from "../ingest.types.ts";
import { definePreset } from "./define-preset.ts";
import { ZENDESK_PRIORITY, ZENDESK_SATISFACTION, ZENDESK_STATUS } from "./value-maps.ts";
import * as v from "./values.ts";

const organization = (row: SourceRow) => v.text(row.Organization);

/**
 * Zendesk ticket export (CSV). A ticket row also carries its requester (a contact keyed by
 * Zendesk user id) and organization (an account keyed by its name: the export has no id).
 */
export const zendeskTickets = definePreset({
  name: "zendesk-tickets",
  label: "Zendesk tickets export",
  source: "zendesk",
  records: [
    {
      object: "accounts",
      key: organization,
      optional: true,
      fields: [{ column: "Organization", field: "name" }],
    },
    {
      object: "contacts",
      key: ["Requester id", "Requester ID"],
      optional: true,
      fields: [
        {
          column: "Requester",
          field: "first_name",
          parse: (x) => v.text(x)?.split(/\s+/)[0],
          note: "first word of the requester's name",
        },
        {
          column: "Requester",
          field: "last_name",
          parse: (x) => v.text(x)?.split(/\s+/).slice(1).join(" ") || undefined,
          note: "rest of the requester's name",
        },
        { column: ["Requester email", "Requester Email"], field: "email" },
      ],
      refs: [
        {
          column: "Organization",
          field: "account_id",
          object: "accounts",
          note: "the organization's account",
        },
      ],
    },
    {
      object: "tickets",
      key: ["Id", "ID"],
      fields: [
        { column: "Subject", field: "subject" },
        {
          column: "Status",
          field: "status",
          parse: (x) => v.oneOf(x, ZENDESK_STATUS, "ticket status"),
          note: "Hold → on_hold",
        },
        { column: "Priority", field: "priority", parse: (x) => v.oneOf(x, ZENDESK_PRIORITY, "priority") },
        { column: "Via", field: "channel", parse: (x) => (v.text(x) ? v.slug(String(x)) : undefined) },
        { column: "Created at", field: "opened_at" },
        { column: "Solved at", field: "solved_at" },
        {
          column: "First reply time in minutes",
          field: "first_response_at",
          parse: (x, row) => {
            const minutes = v.number(x);
            const opened = v.timestamp(row["Created at"]);
            return minutes === undefined || !opened
              ? undefined
              : new Date(Date.parse(opened) + minutes * 60_000).toISOString();
          },
          note: "Created at + first reply time",
        },
        {
          column: "Satisfaction Score",
          field: "satisfaction",
          parse: (x) => v.oneOf(x, ZENDESK_SATISFACTION, "satisfaction score"),
        },
        {
          column: "Tags",
          field: "custom",
          parse: (x) => {
            const tags = v.text(x)?.split(/\s+/);
            return tags ? { tags } : undefined;
          },
          note: "custom.tags",
        },
      ],
      refs: [
        { column: ["Requester id", "Requester ID"], field: "contact_id", object: "contacts" },
        {
          column: "Organization",
          field: "account_id",
          object: "accounts",
          note: "the organization's account",
        },
      ],
    },
  ],
  requiredColumns: [["Id", "ID"], ["Subject"]],
});
