import type { Role } from "../model/objects/enums.ts";
import type { DemoPlan, Region, Segment } from "./plan.ts";
import type { Random } from "./random.ts";
import { demoRecord, emit, mintId, type Tables } from "./rows.ts";
import { DAY } from "./time.ts";
import { COMPANY_DOMAIN, FIRST_NAMES, LAST_NAMES } from "./words.ts";

export type TeamKey =
  | "smb_sales"
  | "mid_market_sales"
  | "enterprise_sales"
  | "marketing"
  | "customer_success"
  | "finance"
  | "partnerships"
  | "revops";

const TEAMS: Array<[TeamKey, string, string]> = [
  ["smb_sales", "SMB Sales", "sales"],
  ["mid_market_sales", "Mid-Market Sales", "sales"],
  ["enterprise_sales", "Enterprise Sales", "sales"],
  ["marketing", "Marketing", "marketing"],
  ["customer_success", "Customer Success", "customer_success"],
  ["finance", "Finance", "finance"],
  ["partnerships", "Partnerships", "partner"],
  ["revops", "Revenue Operations", "revops"],
];

export const SALES_TEAM: Record<Segment, TeamKey> = {
  smb: "smb_sales",
  mid_market: "mid_market_sales",
  enterprise: "enterprise_sales",
};

/** A member of the demo company, with what the story needs beyond the user row. */
export interface Person {
  id: string;
  /** Stable external id of the user row. */
  key: string;
  role: Role;
  team: TeamKey;
  territory: Region;
  /** UTC offset of where the person works. */
  offset: number;
  /** Sales skill: scales a rep's odds of winning. */
  skill: number;
}

export interface People {
  teams: Record<TeamKey, string>;
  everyone: Person[];
  reps: Record<Segment, Person[]>;
  /** Reps of a segment team covering a region (the whole team when nobody covers it). */
  territory: Map<string, Person[]>;
  byRole: Map<Role, Person[]>;
}

const OFFSET: Record<Region, number> = { NA: -5, EMEA: 0, APAC: 8, LATAM: -3 };
const TERRITORIES: Region[] = ["NA", "EMEA", "NA", "APAC", "EMEA", "NA", "LATAM"];

const TITLE: Record<string, string> = {
  revops_manager: "VP Revenue Operations",
  sales_ops: "Sales Operations Manager",
  revenue_analyst: "Revenue Analyst",
  marketing_ops: "Marketing Operations Manager",
  cs_ops: "Customer Success Manager",
  finance: "Financial Controller",
  partner_ops: "Partner Manager",
  smb_sales: "Account Executive",
  mid_market_sales: "Senior Account Executive",
  enterprise_sales: "Enterprise Account Executive",
};

/** Plain ASCII for an email's local part: "Chloé O'Brien" → "chloe.obrien". */
export const emailPart = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/[^A-Za-z0-9-]/g, "")
    .toLowerCase();

function staffing(accounts: number): Array<[Role, TeamKey, number]> {
  const n = Math.max(12, Math.round(accounts / 15));
  const share = (p: number, min = 1) => Math.max(min, Math.round(n * p));
  const others: Array<[Role, TeamKey, number]> = [
    ["revops_manager", "revops", 1],
    ["sales_ops", "revops", share(0.03)],
    ["revenue_analyst", "revops", share(0.02)],
    ["marketing_ops", "marketing", share(0.08)],
    ["cs_ops", "customer_success", share(0.12)],
    ["finance", "finance", share(0.03)],
    ["partner_ops", "partnerships", share(0.03)],
  ];
  const reps = Math.max(n - others.reduce((sum, [, , count]) => sum + count, 0), Math.ceil(n * 0.6));
  const mid = Math.max(1, Math.round(reps * 0.33));
  const enterprise = Math.max(1, Math.round(reps * 0.22));
  return [
    ["sales_rep", "smb_sales", Math.max(1, reps - mid - enterprise)],
    ["sales_rep", "mid_market_sales", mid],
    ["sales_rep", "enterprise_sales", enterprise],
    ...others,
  ];
}

/** Teams and users of the demo company; users have no password, so they cannot sign in. */
export function buildPeople(
  plan: DemoPlan,
  random: Random,
  reservedEmails: Set<string>,
  out: Tables,
): People {
  const joined = plan.start - 90 * DAY;
  const teams = {} as Record<TeamKey, string>;
  for (const [key] of TEAMS) teams[key] = mintId("teams", joined);
  const everyone: Person[] = [];
  const managers = new Map<TeamKey, string>();
  const emails = new Set([...reservedEmails].map((e) => e.toLowerCase()));
  let number = 0;
  for (const [role, team, count] of staffing(plan.accounts)) {
    for (let i = 0; i < count; i++) {
      number++;
      const territory =
        role === "sales_rep" ? TERRITORIES[i % TERRITORIES.length] : random.chance(0.8) ? "NA" : "EMEA";
      const first = random.pick(FIRST_NAMES[territory]);
      const last = random.pick(LAST_NAMES[territory]);
      let local = `${emailPart(first)}.${emailPart(last)}`;
      for (let k = 2; emails.has(`${local}@${COMPANY_DOMAIN}`); k++)
        local = `${emailPart(first)}.${emailPart(last)}${k}`;
      const email = `${local}@${COMPANY_DOMAIN}`;
      emails.add(email);
      const isManager = !managers.has(team);
      const person: Person = {
        id: mintId("users", joined + number * 1000),
        key: `user-${String(number).padStart(5, "0")}`,
        role,
        team,
        territory,
        offset: OFFSET[territory],
        skill: random.between(0.85, 1.15),
      };
      if (isManager) managers.set(team, person.id);
      everyone.push(person);
      const title = TITLE[role] ?? TITLE[team];
      emit(
        out,
        "users",
        demoRecord(person.id, person.key, joined, joined, {
          email,
          name: `${first} ${last}`,
          role,
          team_id: teams[team],
          title: isManager && role === "sales_rep" ? `Sales Manager, ${teamName(team)}` : title,
          custom: role === "sales_rep" ? { territory } : {},
        }),
      );
    }
  }
  for (const [key, name, kind] of TEAMS) {
    emit(
      out,
      "teams",
      demoRecord(teams[key], `team-${key.replaceAll("_", "-")}`, joined, joined, {
        name,
        kind,
        manager_id: managers.get(key) ?? null,
      }),
    );
  }
  const reps = (team: TeamKey) => everyone.filter((p) => p.role === "sales_rep" && p.team === team);
  const bySegment = {
    smb: reps("smb_sales"),
    mid_market: reps("mid_market_sales"),
    enterprise: reps("enterprise_sales"),
  };
  const territory = new Map<string, Person[]>();
  for (const [segment, team] of Object.entries(bySegment)) {
    for (const region of new Set(TERRITORIES)) {
      const local = team.filter((p) => p.territory === region);
      territory.set(`${segment}:${region}`, local.length > 0 ? local : team);
    }
  }
  const byRole = new Map<Role, Person[]>();
  for (const person of everyone) {
    const same = byRole.get(person.role);
    if (same) same.push(person);
    else byRole.set(person.role, [person]);
  }
  return { teams, everyone, reps: bySegment, territory, byRole };
}

const teamName = (team: TeamKey): string => TEAMS.find(([key]) => key === team)![1];

/** The rep who owns an account: one of the segment's reps covering the region, if any. */
export function ownerFor(people: People, segment: Segment, region: Region, random: Random): Person {
  return random.pick(people.territory.get(`${segment}:${region}`)!);
}
