// Roles → permissions, per council. Deny by default: a permission not listed for a role is
// refused (OWASP ASVS 5.0 V8.1/8.2: documented function-level rules, enforced server-side).
// Roles never cross tenants: being admin of one council, or of a combined authority, grants
// nothing on another council (ASVS 8.4.1; cf. Decidim CVE-2026-45330 cross-tenant IDOR).
import { err, ok, type Result } from "../result.ts";

export const ROLES = ["resident", "officer", "moderator", "panel_member", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Roles that sign in with password + TOTP and can be invited. */
export const STAFF_ROLES = ["officer", "moderator", "panel_member", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface RoleGrant {
  councilId: string;
  role: Role;
}

export const PERMISSIONS = [
  /** Respond to consultations, support priorities, vote in a budget process, apply for grants. */
  "participate",
  /** Create, edit, open and close consultations; publish "We asked, you said, we did". */
  "consultations.manage",
  /** Read individual responses (free text may be special category data: UK GDPR Art 9). */
  "responses.read",
  /** Hide or restore resident content; see the moderation queue. */
  "moderation.review",
  /** Set up budget processes and projects, enter paper ballots, run the count. */
  "budgeting.manage",
  /** Set up fund rounds, rubrics and panels; record decisions. */
  "grants.manage",
  /** Score applications assigned to the panel (after declarations of interest). */
  "grants.score",
  /** Dashboards and aggregated, suppressed statistics. */
  "insights.view",
  /** Download exports containing personal data. */
  "exports.download",
  /** Council settings and branding. */
  "council.configure",
  /** Choose the outcome frameworks the council uses; define and publish its own. */
  "frameworks.manage",
  /** Invite staff, grant and revoke roles. */
  "staff.manage",
  /** Read the audit log. */
  "audit.read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Panel scoring is given to panel members only, not to admins or officers: independent
// scoring with recusal (DESIGN.md "Fund round") means only the appointed panel scores.
// Admins do not implicitly "participate": they take part as residents through a resident
// membership like anyone else, so staff powers never mix with a resident's own response.
const MATRIX: Record<Role, readonly Permission[]> = {
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
  moderator: ["moderation.review", "responses.read"],
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

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return MATRIX[role].includes(permission);
}

/** Whether any of the actor's roles *in this council* grants the permission. */
export function can(roles: readonly RoleGrant[], councilId: string, permission: Permission): boolean {
  return roles.some((grant) => grant.councilId === councilId && roleHasPermission(grant.role, permission));
}

/** Everything the actor may do in one council (for showing or hiding links; enforce with `can`). */
export function permissionsIn(roles: readonly RoleGrant[], councilId: string): Set<Permission> {
  const result = new Set<Permission>();
  for (const grant of roles) if (grant.councilId === councilId) for (const p of MATRIX[grant.role]) result.add(p);
  return result;
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === "string" && (STAFF_ROLES as readonly string[]).includes(value);
}

export function parseStaffRole(value: unknown): Result<StaffRole, "invalid_role"> {
  return isStaffRole(value) ? ok(value) : err("invalid_role");
}

export function hasStaffRole(roles: readonly RoleGrant[]): boolean {
  return roles.some((grant) => isStaffRole(grant.role));
}
