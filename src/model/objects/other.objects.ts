import type { ObjectDef } from "../object-def.ts";
import { PARTNER_KINDS, ROLES, TEAM_KINDS, TICKET_PRIORITIES, TICKET_STATUSES } from "./enums.ts";

export const tickets: ObjectDef = {
  key: "tickets",
  singular: "ticket",
  label: "Tickets",
  idPrefix: "tkt",
  area: "support",
  titleField: "subject",
  searchFields: ["subject"],
  defaultSort: "-opened_at",
  fields: {
    subject: { kind: "text", required: true, max: 500 },
    status: { kind: "enum", values: TICKET_STATUSES },
    priority: { kind: "enum", values: TICKET_PRIORITIES },
    channel: { kind: "text", max: 60 },
    opened_at: { kind: "timestamp", required: true },
    first_response_at: { kind: "timestamp" },
    solved_at: { kind: "timestamp" },
    satisfaction: { kind: "enum", values: ["good", "bad", "offered", "unoffered"] },
    account_id: { kind: "ref", ref: "accounts" },
    contact_id: { kind: "ref", ref: "contacts" },
    assignee_id: { kind: "ref", ref: "users" },
    custom: { kind: "json" },
  },
};

export const partners: ObjectDef = {
  key: "partners",
  singular: "partner",
  label: "Partners",
  idPrefix: "prt",
  area: "partner",
  titleField: "name",
  searchFields: ["name", "domain"],
  fields: {
    name: { kind: "text", required: true, max: 300 },
    kind: { kind: "enum", values: PARTNER_KINDS },
    tier: { kind: "text", max: 60 },
    status: { kind: "enum", values: ["active", "inactive", "prospect"] },
    domain: { kind: "text", max: 255 },
    owner_id: { kind: "ref", ref: "users" },
    custom: { kind: "json" },
  },
};

export const targets: ObjectDef = {
  key: "targets",
  singular: "target",
  label: "Targets",
  idPrefix: "tgt",
  area: "planning",
  titleField: "kpi",
  defaultSort: "-period_start",
  fields: {
    kpi: { kind: "text", required: true, max: 100 },
    period_start: { kind: "date", required: true },
    period_end: { kind: "date", required: true },
    value: { kind: "number", required: true },
    currency: { kind: "currency" },
    team_id: { kind: "ref", ref: "teams" },
    user_id: { kind: "ref", ref: "users" },
  },
};

export const teams: ObjectDef = {
  key: "teams",
  singular: "team",
  label: "Teams",
  idPrefix: "tem",
  area: "people",
  titleField: "name",
  searchFields: ["name"],
  fields: {
    name: { kind: "text", required: true, max: 200 },
    kind: { kind: "enum", values: TEAM_KINDS, required: true },
    manager_id: { kind: "ref", ref: "users" },
    custom: { kind: "json" },
  },
};

/** Users are read here; created and changed through the user routes (passwords, roles). */
export const users: ObjectDef = {
  key: "users",
  singular: "user",
  label: "Users",
  idPrefix: "usr",
  area: "people",
  titleField: "name",
  searchFields: ["name", "email"],
  hidden: ["password_hash"],
  noGenericWrite: true,
  fields: {
    email: { kind: "email", required: true },
    name: { kind: "text", required: true, max: 200 },
    role: { kind: "enum", values: ROLES, required: true },
    team_id: { kind: "ref", ref: "teams" },
    title: { kind: "text", max: 200 },
    is_active: { kind: "boolean" },
    custom: { kind: "json" },
  },
};
