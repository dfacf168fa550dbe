import { describe, expect, it } from "vitest";
import {
  can,
  hasStaffRole,
  isStaffRole,
  parseStaffRole,
  PERMISSIONS,
  permissionsIn,
  ROLES,
  roleHasPermission,
  type Permission,
  type Role,
} from "./permissions.ts";

// The matrix written out in full, so any change to it is a deliberate change to this test.
const EXPECTED: Record<Role, Permission[]> = {
  resident: ["participate"],
  officer: [
    "consultations.manage",
    "responses.read",
    "budgeting.manage",
    "grants.manage",
    "insights.view",
    "exports.download",
    "frameworks.manage",
  ],
  moderator: ["responses.read", "moderation.review"],
  panel_member: ["grants.score"],
  admin: [
    "consultations.manage",
    "responses.read",
    "moderation.review",
    "budgeting.manage",
    "grants.manage",
    "insights.view",
    "exports.download",
    "council.configure",
    "frameworks.manage",
    "staff.manage",
    "audit.read",
  ],
};

describe("permissions matrix", () => {
  for (const role of ROLES) {
    for (const permission of PERMISSIONS) {
      const expected = EXPECTED[role].includes(permission);
      it(`${role} ${expected ? "may" : "may not"} ${permission}`, () => {
        expect(roleHasPermission(role, permission)).toBe(expected);
      });
    }
  }

  it("keeps panel scoring to panel members (independent scoring)", () => {
    expect(ROLES.filter((r) => roleHasPermission(r, "grants.score"))).toEqual(["panel_member"]);
  });

  it("keeps staff management to admins", () => {
    expect(ROLES.filter((r) => roleHasPermission(r, "staff.manage"))).toEqual(["admin"]);
  });
});

describe("can", () => {
  const roles = [
    { councilId: "trafford", role: "admin" as const },
    { councilId: "salford", role: "resident" as const },
  ];

  it("grants within the council the role belongs to", () => {
    expect(can(roles, "trafford", "staff.manage")).toBe(true);
  });

  it("never crosses councils", () => {
    expect(can(roles, "salford", "staff.manage")).toBe(false);
    expect(can(roles, "gmca", "staff.manage")).toBe(false);
    expect(can(roles, "trafford", "participate")).toBe(false);
    expect(can(roles, "salford", "participate")).toBe(true);
  });

  it("denies with no roles", () => {
    expect(can([], "trafford", "participate")).toBe(false);
  });

  it("lists permissions per council", () => {
    expect([...permissionsIn(roles, "salford")]).toEqual(["participate"]);
    expect(permissionsIn(roles, "trafford").has("audit.read")).toBe(true);
  });
});

describe("staff roles", () => {
  it("parses only staff roles", () => {
    expect(parseStaffRole("officer")).toEqual({ ok: true, value: "officer" });
    expect(parseStaffRole("resident")).toEqual({ ok: false, reason: "invalid_role" });
    expect(parseStaffRole("superuser")).toEqual({ ok: false, reason: "invalid_role" });
    expect(parseStaffRole(undefined)).toEqual({ ok: false, reason: "invalid_role" });
    expect(isStaffRole("admin")).toBe(true);
  });

  it("tells whether someone has any staff role", () => {
    expect(hasStaffRole([{ councilId: "a", role: "resident" }])).toBe(false);
    expect(hasStaffRole([{ councilId: "a", role: "panel_member" }])).toBe(true);
  });
});
