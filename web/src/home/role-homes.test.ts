import { describe, expect, it } from "vitest";
import { fillParams, ROLES_WITH_HOMES, roleHome } from "./role-homes.ts";

describe("role homes", () => {
  it("has a home for every role, and a rep's shows their own deals and tasks", () => {
    expect(ROLES_WITH_HOMES.sort()).toEqual(
      [
        "admin",
        "cs_ops",
        "finance",
        "marketing_ops",
        "partner_ops",
        "revenue_analyst",
        "revops_manager",
        "sales_ops",
        "sales_rep",
        "viewer",
      ].sort(),
    );
    const rep = roleHome("sales_rep").sections;
    expect(rep[0]).toMatchObject({ object: "opportunities", params: { owner_id: "$me", status: "open" } });
    expect(rep[1]).toMatchObject({ object: "activities", params: { owner_id: "$me", kind: "task" } });
    expect(roleHome("nobody").title).toBe(roleHome("viewer").title);
  });

  it("links every role to the dashboards it works from, its own first", () => {
    const firstDashboard = (role: string) =>
      roleHome(role).sections.flatMap((s) =>
        s.kind === "links" && s.title === "Dashboards" ? s.links : [],
      )[0]?.to;
    expect(firstDashboard("revops_manager")).toBe("/dashboards/executive");
    expect(firstDashboard("marketing_ops")).toBe("/dashboards/marketing");
    expect(firstDashboard("sales_ops")).toBe("/dashboards/sales");
    expect(firstDashboard("cs_ops")).toBe("/dashboards/success");
    expect(firstDashboard("finance")).toBe("/dashboards/executive");
    for (const role of ROLES_WITH_HOMES) expect(firstDashboard(role)).toMatch(/^\/dashboards\//);
  });

  it("fills in who and when", () => {
    const now = new Date("2026-02-10T12:00:00Z");
    expect(
      fillParams(
        { owner_id: "$me", "close_date[lte]": "$month_end", "close_date[gte]": "$month_start", x: "y" },
        "usr_1",
        now,
      ),
    ).toEqual({
      owner_id: "usr_1",
      "close_date[lte]": "2026-02-28",
      "close_date[gte]": "2026-02-01",
      x: "y",
    });
    expect(fillParams({ "close_date[lte]": "$in_90_days" }, null, now)).toEqual({
      "close_date[lte]": "2026-05-11",
    });
    expect(fillParams({ owner_id: "$me" }, null, now)).toBeNull();
  });
});
