// Staff join by invitation only: an admin of a council invites an email address with a role;
// the link carries a random token whose SHA-256 alone is stored (Invitation.tokenHash), so the
// database cannot be used to accept invitations. Invitations expire after 7 days and work once,
// checked in the same conditional update that consumes them (cf. Decidim CVE-2023-48220:
// invitation expiry bypassed through another flow). Every invitation and role change writes an
// AuditEvent in the same transaction (DESIGN.md "Layers": a use case records an audit event).
import { normaliseEmail } from "~/domain/accounts/email.ts";
import { parseDisplayName } from "~/domain/accounts/display-name.ts";
import { staffInvitationEmail } from "~/domain/accounts/messages.ts";
import { checkNewPassword, type PasswordReason } from "~/domain/accounts/password.ts";
import { can, parseStaffRole, type StaffRole } from "~/domain/accounts/permissions.ts";
import type { Locale } from "~/domain/i18n/locale.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { AccountsDeps } from "./deps.server.ts";
import { generateToken, hashToken, looksLikeToken } from "./crypto.server.ts";
import { hashPassword } from "./password-hash.server.ts";
import type { Actor } from "./sessions.server.ts";

export const INVITATION_TTL_DAYS = 7;
const DAY = 24 * 60 * 60_000;

/** The part of an Actor these use cases read; `getActor` returns one. */
export type InvitingActor = Pick<Actor, "roles"> & { account: Pick<Actor["account"], "id"> };

export type InviteStaffReason = "forbidden" | "invalid_email" | "invalid_role";

/**
 * Invites someone to a council as officer, moderator, panel member or admin. Admins of that
 * council only — an admin of another council (or of its combined authority) is refused.
 */
export async function inviteStaff(
  deps: AccountsDeps,
  actor: InvitingActor,
  input: { councilId: string; email: string; role: string; locale?: Locale },
): Promise<Result<{ invitationId: string; expiresAt: Date }, InviteStaffReason>> {
  if (!can(actor.roles, input.councilId, "staff.manage")) return err("forbidden");
  const email = normaliseEmail(input.email);
  if (!email.ok) return email;
  const role = parseStaffRole(input.role);
  if (!role.ok) return role;
  const council = await deps.prisma.council.findUnique({ where: { id: input.councilId }, select: { name: true, nameCy: true } });
  if (!council) return err("forbidden");

  const now = deps.now();
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * DAY);
  const invitation = await deps.prisma.$transaction(async (tx) => {
    const row = await tx.invitation.create({
      data: {
        councilId: input.councilId,
        email: email.value,
        role: role.value,
        tokenHash: hashToken(token),
        invitedById: actor.account.id,
        expiresAt,
        createdAt: now,
      },
      select: { id: true },
    });
    await tx.auditEvent.create({
      data: {
        councilId: input.councilId,
        actorId: actor.account.id,
        action: "staff.invited",
        subjectType: "Invitation",
        subjectId: row.id,
        data: { email: email.value, role: role.value, expiresAt: expiresAt.toISOString() },
        createdAt: now,
      },
    });
    return row;
  });

  const locale = input.locale ?? "en";
  const content = staffInvitationEmail({
    link: `${deps.config.publicUrl.replace(/\/+$/, "")}/invitations/${token}`,
    councilName: (locale === "cy" ? council.nameCy : null) ?? council.name,
    role: role.value,
    locale,
    days: INVITATION_TTL_DAYS,
  });
  await deps.mailer.send({ to: email.value, subject: content.subject, text: content.text });
  return ok({ invitationId: invitation.id, expiresAt });
}

export type InvitationStateReason = "invitation_not_found" | "invitation_expired" | "invitation_used";

async function findInvitation(deps: AccountsDeps, token: string) {
  if (!looksLikeToken(token)) return null;
  return deps.prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      councilId: true,
      email: true,
      role: true,
      invitedById: true,
      expiresAt: true,
      acceptedAt: true,
      council: { select: { name: true, nameCy: true } },
    },
  });
}

function invitationState(
  invitation: { expiresAt: Date; acceptedAt: Date | null } | null,
  now: Date,
): InvitationStateReason | null {
  if (!invitation) return "invitation_not_found";
  if (invitation.acceptedAt) return "invitation_used";
  if (invitation.expiresAt.getTime() <= now.getTime()) return "invitation_expired";
  return null;
}

export interface InvitationSummary {
  email: string;
  role: StaffRole;
  councilId: string;
  councilName: string;
  councilNameCy: string | null;
  expiresAt: Date;
  /** True when the address already has an account with a password (the page can say "this replaces your password"). */
  accountHasPassword: boolean;
}

/** What the invitation page shows before the person chooses a password. */
export async function describeInvitation(
  deps: AccountsDeps,
  token: string,
): Promise<Result<InvitationSummary, InvitationStateReason>> {
  const invitation = await findInvitation(deps, token);
  const state = invitationState(invitation, deps.now());
  if (state || !invitation) return err(state ?? "invitation_not_found");
  const account = await deps.prisma.account.findUnique({ where: { email: invitation.email }, select: { passwordHash: true } });
  return ok({
    email: invitation.email,
    role: invitation.role as StaffRole,
    councilId: invitation.councilId,
    councilName: invitation.council.name,
    councilNameCy: invitation.council.nameCy,
    expiresAt: invitation.expiresAt,
    accountHasPassword: Boolean(account?.passwordHash),
  });
}

export type AcceptInvitationReason = InvitationStateReason | "invalid_display_name" | PasswordReason;

/**
 * Accepts an invitation: creates the account (or updates an existing one, e.g. a resident who
 * becomes an officer), sets the password and display name, and adds the membership. Setting a
 * password deletes all the account's existing sessions. The person then signs in with the
 * password and sets up TOTP; accepting does not sign them in.
 */
export async function acceptInvitation(
  deps: AccountsDeps,
  input: { token: string; password: string; displayName: string },
): Promise<Result<{ accountId: string; councilId: string; role: StaffRole; email: string }, AcceptInvitationReason>> {
  const invitation = await findInvitation(deps, input.token);
  const state = invitationState(invitation, deps.now());
  if (state || !invitation) return err(state ?? "invitation_not_found");
  const displayName = parseDisplayName(input.displayName);
  if (!displayName.ok) return displayName;
  const password = checkNewPassword(input.password, { email: invitation.email });
  if (!password.ok) return password;
  // Hash before the transaction: argon2 takes tens of milliseconds and holds no locks.
  const passwordHash = await hashPassword(password.value);

  const now = deps.now();
  const role = invitation.role as StaffRole;
  const outcome = await deps.prisma.$transaction(async (tx) => {
    // Consume the invitation only if it is still unused and unexpired *now* (single use under
    // concurrency; expiry checked at the moment of use).
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (claimed.count === 0) return null;
    const account = await tx.account.upsert({
      where: { email: invitation.email },
      create: { email: invitation.email, displayName: displayName.value, passwordHash, createdAt: now },
      update: { displayName: displayName.value, passwordHash },
      select: { id: true },
    });
    await tx.membership.createMany({
      data: [{ accountId: account.id, councilId: invitation.councilId, role, createdAt: now }],
      skipDuplicates: true,
    });
    await tx.session.deleteMany({ where: { accountId: account.id } });
    await tx.auditEvent.create({
      data: {
        councilId: invitation.councilId,
        actorId: account.id,
        action: "staff.invitation_accepted",
        subjectType: "Invitation",
        subjectId: invitation.id,
        data: { role, invitedById: invitation.invitedById, accountId: account.id },
        createdAt: now,
      },
    });
    return account;
  });
  if (!outcome) {
    const current = await deps.prisma.invitation.findUnique({ where: { id: invitation.id }, select: { expiresAt: true, acceptedAt: true } });
    return err(invitationState(current, now) ?? "invitation_used");
  }
  return ok({ accountId: outcome.id, councilId: invitation.councilId, role, email: invitation.email });
}

export type GrantRoleReason = "forbidden" | "invalid_role" | "account_not_found";

/** Gives an existing account a staff role in the admin's council (e.g. promote an officer to admin). */
export async function grantRole(
  deps: AccountsDeps,
  actor: InvitingActor,
  input: { councilId: string; accountId: string; role: string },
): Promise<Result<{ changed: boolean }, GrantRoleReason>> {
  if (!can(actor.roles, input.councilId, "staff.manage")) return err("forbidden");
  const role = parseStaffRole(input.role);
  if (!role.ok) return role;
  const account = await deps.prisma.account.findUnique({ where: { id: input.accountId }, select: { id: true, passwordHash: true } });
  if (!account) return err("account_not_found");
  const now = deps.now();
  const changed = await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.membership.createMany({
      data: [{ accountId: account.id, councilId: input.councilId, role: role.value, createdAt: now }],
      skipDuplicates: true,
    });
    if (count === 0) return false;
    await tx.auditEvent.create({
      data: {
        councilId: input.councilId,
        actorId: actor.account.id,
        action: "staff.role_granted",
        subjectType: "Account",
        subjectId: account.id,
        data: { role: role.value },
        createdAt: now,
      },
    });
    return true;
  });
  return ok({ changed });
}

export type RevokeRoleReason = "forbidden" | "invalid_role" | "role_not_held" | "last_admin";

/**
 * Removes a staff role. Takes effect on the person's next request (roles are read per request).
 * A council always keeps at least one admin: the check and the delete run under a lock on the
 * council row, so two admins removing each other at the same moment cannot leave none.
 */
export async function revokeRole(
  deps: AccountsDeps,
  actor: InvitingActor,
  input: { councilId: string; accountId: string; role: string },
): Promise<Result<{ sessionsEnded: number }, RevokeRoleReason>> {
  if (!can(actor.roles, input.councilId, "staff.manage")) return err("forbidden");
  const role = parseStaffRole(input.role);
  if (!role.ok) return role;
  const now = deps.now();
  const outcome = await deps.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "Council" WHERE "id" = ${input.councilId} FOR UPDATE`;
    const held = await tx.membership.findUnique({
      where: { accountId_councilId_role: { accountId: input.accountId, councilId: input.councilId, role: role.value } },
      select: { accountId: true },
    });
    if (!held) return "role_not_held" as const;
    if (role.value === "admin") {
      const admins = await tx.membership.count({ where: { councilId: input.councilId, role: "admin" } });
      if (admins <= 1) return "last_admin" as const;
    }
    await tx.membership.delete({
      where: { accountId_councilId_role: { accountId: input.accountId, councilId: input.councilId, role: role.value } },
    });
    // Someone left with no staff role anywhere has no use for a staff session.
    const staffRolesLeft = await tx.membership.count({ where: { accountId: input.accountId, role: { not: "resident" } } });
    const ended = staffRolesLeft === 0 ? (await tx.session.deleteMany({ where: { accountId: input.accountId, isStaff: true } })).count : 0;
    await tx.auditEvent.create({
      data: {
        councilId: input.councilId,
        actorId: actor.account.id,
        action: "staff.role_revoked",
        subjectType: "Account",
        subjectId: input.accountId,
        data: { role: role.value },
        createdAt: now,
      },
    });
    return { sessionsEnded: ended };
  });
  if (typeof outcome === "string") return err(outcome);
  return ok(outcome);
}
