import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoleGrant } from "~/domain/accounts/permissions.ts";
import { hashToken } from "./crypto.server.ts";
import { acceptInvitation, describeInvitation, grantRole, inviteStaff, revokeRole } from "./invitations.server.ts";
import { hashPassword } from "./password-hash.server.ts";
import { createSession, getActor, validateSessionToken } from "./sessions.server.ts";
import { signInWithPassword } from "./staff-auth.server.ts";
import { openAccountsTestContext, type AccountsTestContext } from "./test-kit.server.ts";

const DAY = 24 * 60 * 60_000;
const PASSWORD = "meadow copper lighthouse";

describe("staff invitations and roles", () => {
  let ctx: AccountsTestContext;
  let admin: { account: { id: string }; roles: RoleGrant[] };
  let n = 0;
  const fresh = (name: string) => `${name}.${++n}@trafford.gov.uk`;

  async function staffActor(email: string, grants: { councilId: string; role: RoleGrant["role"] }[]) {
    const account = await ctx.db.prisma.account.create({ data: { email, passwordHash: await hashPassword(PASSWORD) } });
    await ctx.db.prisma.membership.createMany({ data: grants.map((g) => ({ accountId: account.id, ...g })) });
    // Through a real, fully verified staff session, as a route would get it.
    const { token } = await createSession(ctx.deps, ctx.db.prisma, { accountId: account.id, kind: "staff", twoFactorVerified: true });
    const actor = await getActor(ctx.deps, token);
    if (!actor) throw new Error("no actor");
    return actor;
  }

  beforeAll(async () => {
    ctx = await openAccountsTestContext();
    admin = await staffActor("admin@trafford.gov.uk", [{ councilId: ctx.councilId, role: "admin" }]);
  });
  afterAll(async () => {
    await ctx.db.close();
  });

  it("lets an admin invite by email, storing only the token's hash, with an audit event", async () => {
    const email = fresh("new.officer");
    const result = await inviteStaff(ctx.deps, admin, { councilId: ctx.councilId, email: email.toUpperCase(), role: "officer" });
    expect(result).toMatchObject({ ok: true, value: { expiresAt: new Date(ctx.clock.now().getTime() + 7 * DAY) } });
    if (!result.ok) return;

    const sent = ctx.mailer.sent.at(-1)!;
    expect(sent.to).toBe(email);
    expect(sent.subject).toBe("You have been invited to join Trafford Council on Commonweal");
    expect(sent.text).toContain("https://have-your-say.example.gov.uk/invitations/");
    const token = ctx.mailer.lastInvitationToken(email);

    const row = await ctx.db.prisma.invitation.findUniqueOrThrow({ where: { id: result.value.invitationId } });
    expect(row).toMatchObject({ email, role: "officer", councilId: ctx.councilId, invitedById: admin.account.id, acceptedAt: null });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const audit = await ctx.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "staff.invited", subjectId: row.id } });
    expect(audit).toMatchObject({ councilId: ctx.councilId, actorId: admin.account.id, subjectType: "Invitation", data: { email, role: "officer" } });
  });

  it("refuses anyone who is not an admin of that council", async () => {
    const officer = await staffActor(fresh("officer"), [{ councilId: ctx.councilId, role: "officer" }]);
    const otherAdmin = await staffActor(fresh("salford.admin"), [{ councilId: ctx.otherCouncilId, role: "admin" }]);
    const resident = { account: { id: "r" }, roles: [{ councilId: ctx.councilId, role: "resident" as const }] };
    for (const actor of [officer, otherAdmin, resident]) {
      expect(await inviteStaff(ctx.deps, actor, { councilId: ctx.councilId, email: fresh("x"), role: "officer" })).toEqual({
        ok: false,
        reason: "forbidden",
      });
    }
    // …and an admin of Trafford cannot invite to Salford.
    expect(await inviteStaff(ctx.deps, admin, { councilId: ctx.otherCouncilId, email: fresh("x"), role: "admin" })).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await inviteStaff(ctx.deps, admin, { councilId: "no-such-council", email: fresh("x"), role: "admin" })).toEqual({
      ok: false,
      reason: "forbidden",
    });
  });

  it("validates the role and the address", async () => {
    expect(await inviteStaff(ctx.deps, admin, { councilId: ctx.councilId, email: fresh("x"), role: "resident" })).toEqual({ ok: false, reason: "invalid_role" });
    expect(await inviteStaff(ctx.deps, admin, { councilId: ctx.councilId, email: fresh("x"), role: "owner" })).toEqual({ ok: false, reason: "invalid_role" });
    expect(await inviteStaff(ctx.deps, admin, { councilId: ctx.councilId, email: "nope", role: "officer" })).toEqual({ ok: false, reason: "invalid_email" });
  });

  it("accepts an invitation once: account, password, membership; then password sign-in works", async () => {
    const email = fresh("panel");
    await inviteStaff(ctx.deps, admin, { councilId: ctx.councilId, email, role: "panel_member" });
    const token = ctx.mailer.lastInvitationToken(email);

    expect(await describeInvitation(ctx.deps, token)).toMatchObject({
      ok: true,
      value: { email, role: "panel_member", councilName: "Trafford Council", accountHasPassword: false },
    });
    expect(await acceptInvitation(ctx.deps, { token, password: "short", displayName: "Pat Panel" })).toMatchObject({
      ok: false,
      reason: "password_too_short",
    });
    expect(await acceptInvitation(ctx.deps, { token, password: PASSWORD, displayName: "  " })).toEqual({ ok: false, reason: "invalid_display_name" });

    const accepted = await acceptInvitation(ctx.deps, { token, password: PASSWORD, displayName: " Pat  Panel " });
    expect(accepted).toMatchObject({ ok: true, value: { councilId: ctx.councilId, role: "panel_member", email } });
    const account = await ctx.db.prisma.account.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    expect(account.displayName).toBe("Pat Panel");
    expect(account.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(account.memberships.map((m) => m.role)).toEqual(["panel_member"]);
    expect(await ctx.db.prisma.auditEvent.count({ where: { action: "staff.invitation_accepted", actorId: account.id } })).toBe(1);

    expect(await acceptInvitation(ctx.deps, { token, password: PASSWORD, displayName: "Pat" })).toEqual({ ok: false, reason: "invitation_used" });
    expect(await describeInvitation(ctx.deps, token)).toEqual({ ok: false, reason: "invitation_used" });
    expect(await signInWithPassword(ctx.deps, { email, password: PASSWORD, ip: "192.0.2.10" })).toMatchObject({
      ok: true,
      value: { needsTotpEnrolment: true },
    });
  });

  it("lets exactly one of two parallel acceptances through", async () => {
    const email = fresh("race");
    await inviteStaff(ctx.deps, admin, { councilId: ctx.councilId, email, role: "moderator" });
    const token = ctx.mailer.lastInvitationToken(email);
    const results = await Promise.all([
      acceptInvitation(ctx.deps, { token, password: PASSWORD, displayName: "One" }),
      acceptInvitation(ctx.deps, { token, password: "another long passphrase", displayName: "Two" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: "invitation_used" });
  });

  it("expires invitations after 7 days", async () => {
    const email = fresh("slow");
    await inviteStaff(ctx.deps, admin, { councilId: ctx.councilId, email, role: "officer" });
    const token = ctx.mailer.lastInvitationToken(email);
    ctx.clock.advance(7 * DAY);
    expect(await describeInvitation(ctx.deps, token)).toEqual({ ok: false, reason: "invitation_expired" });
    expect(await acceptInvitation(ctx.deps, { token, password: PASSWORD, displayName: "Slow" })).toEqual({ ok: false, reason: "invitation_expired" });
  });

  it("refuses unknown and malformed tokens", async () => {
    expect(await acceptInvitation(ctx.deps, { token: "a".repeat(32), password: PASSWORD, displayName: "X" })).toEqual({
      ok: false,
      reason: "invitation_not_found",
    });
    expect(await describeInvitation(ctx.deps, "../../etc/passwd")).toEqual({ ok: false, reason: "invitation_not_found" });
  });

  it("upgrades an existing resident account and signs it out everywhere", async () => {
    const email = fresh("resident.to.officer");
    const account = await ctx.db.prisma.account.create({ data: { email } });
    await ctx.db.prisma.membership.create({ data: { accountId: account.id, councilId: ctx.councilId, role: "resident" } });
    const { token: residentToken } = await createSession(ctx.deps, ctx.db.prisma, { accountId: account.id, kind: "resident" });

    await inviteStaff(ctx.deps, admin, { councilId: ctx.councilId, email, role: "officer", locale: "cy" });
    expect(ctx.mailer.sent.at(-1)?.subject).toContain("Gwahoddiad");
    const accepted = await acceptInvitation(ctx.deps, { token: ctx.mailer.lastInvitationToken(email), password: PASSWORD, displayName: "Rhys" });
    expect(accepted).toMatchObject({ ok: true, value: { accountId: account.id } });
    const roles = await ctx.db.prisma.membership.findMany({ where: { accountId: account.id }, orderBy: { role: "asc" } });
    expect(roles.map((r) => r.role).sort()).toEqual(["officer", "resident"]);
    expect(await validateSessionToken(ctx.deps, residentToken)).toBeNull();
  });

  it("grants and revokes roles with audit events, never leaving a council without an admin", async () => {
    const email = fresh("promote");
    const officer = await staffActor(email, [{ councilId: ctx.councilId, role: "officer" }]);

    expect(await grantRole(ctx.deps, officer, { councilId: ctx.councilId, accountId: officer.account.id, role: "admin" })).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await grantRole(ctx.deps, admin, { councilId: ctx.councilId, accountId: "missing", role: "admin" })).toEqual({
      ok: false,
      reason: "account_not_found",
    });
    expect(await grantRole(ctx.deps, admin, { councilId: ctx.councilId, accountId: officer.account.id, role: "admin" })).toEqual({
      ok: true,
      value: { changed: true },
    });
    expect(await grantRole(ctx.deps, admin, { councilId: ctx.councilId, accountId: officer.account.id, role: "admin" })).toEqual({
      ok: true,
      value: { changed: false },
    });
    expect(await ctx.db.prisma.auditEvent.count({ where: { action: "staff.role_granted", subjectId: officer.account.id } })).toBe(1);

    expect(await revokeRole(ctx.deps, admin, { councilId: ctx.councilId, accountId: officer.account.id, role: "moderator" })).toEqual({
      ok: false,
      reason: "role_not_held",
    });
    expect(await revokeRole(ctx.deps, admin, { councilId: ctx.councilId, accountId: officer.account.id, role: "admin" })).toMatchObject({ ok: true });
    const revoked = await revokeRole(ctx.deps, admin, { councilId: ctx.councilId, accountId: officer.account.id, role: "officer" });
    // No staff role left anywhere: their staff sessions end.
    expect(revoked).toMatchObject({ ok: true, value: { sessionsEnded: 1 } });
    expect(await ctx.db.prisma.auditEvent.count({ where: { action: "staff.role_revoked", subjectId: officer.account.id } })).toBe(2);

    expect(await revokeRole(ctx.deps, admin, { councilId: ctx.councilId, accountId: admin.account.id, role: "admin" })).toEqual({
      ok: false,
      reason: "last_admin",
    });
  });

  it("keeps one admin when two admins remove each other at the same moment", async () => {
    const council = await ctx.db.prisma.council.create({ data: { slug: `duel-${++n}`, name: "Duel Council" } });
    const a = await staffActor(fresh("duel.a"), [{ councilId: council.id, role: "admin" }]);
    const b = await staffActor(fresh("duel.b"), [{ councilId: council.id, role: "admin" }]);
    const results = await Promise.all([
      revokeRole(ctx.deps, a, { councilId: council.id, accountId: b.account.id, role: "admin" }),
      revokeRole(ctx.deps, b, { councilId: council.id, accountId: a.account.id, role: "admin" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: "last_admin" });
    expect(await ctx.db.prisma.membership.count({ where: { councilId: council.id, role: "admin" } })).toBe(1);
  });
});
