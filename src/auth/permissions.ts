import type { Area } from "../model/object-def.ts";
import type { Role } from "../model/objects/enums.ts";

export type Access = "read" | "write";
export type Resource = Area | "admin";

type Grants = Partial<Record<Resource, Access>>;

const READ_ALL_BUSINESS: Grants = {
  crm: "read",
  pipeline: "read",
  marketing: "read",
  support: "read",
  finance: "read",
  partner: "read",
  planning: "read",
  people: "read",
};

/**
 * What each RevOps role may do, per business area. `write` implies `read`. `people` covers
 * users and teams (everyone reads them, to show owners); `admin` covers API keys, workspace
 * settings and the audit log. docs/permissions.md is generated from this table.
 */
export const PERMISSIONS: Record<Role, Grants> = {
  admin: {
    crm: "write",
    pipeline: "write",
    marketing: "write",
    support: "write",
    finance: "write",
    partner: "write",
    planning: "write",
    people: "write",
    admin: "write",
  },
  revops_manager: {
    crm: "write",
    pipeline: "write",
    marketing: "write",
    support: "write",
    finance: "write",
    partner: "write",
    planning: "write",
    people: "write",
    admin: "read",
  },
  revenue_analyst: { ...READ_ALL_BUSINESS },
  sales_ops: { ...READ_ALL_BUSINESS, crm: "write", pipeline: "write", planning: "write" },
  marketing_ops: { ...READ_ALL_BUSINESS, crm: "write", marketing: "write" },
  cs_ops: { ...READ_ALL_BUSINESS, crm: "write", pipeline: "write", support: "write" },
  finance: { ...READ_ALL_BUSINESS, finance: "write", planning: "write" },
  partner_ops: { ...READ_ALL_BUSINESS, partner: "write", pipeline: "write" },
  sales_rep: { ...READ_ALL_BUSINESS, crm: "write", pipeline: "write" },
  viewer: { ...READ_ALL_BUSINESS },
};

export function can(role: Role, resource: Resource, access: Access): boolean {
  const granted = PERMISSIONS[role]?.[resource];
  return granted === "write" || (granted === "read" && access === "read");
}
