import type { Services } from "../services.server.ts";

/** A council's staff and their roles, and invitations not yet accepted (for admins). */
export async function listStaff(deps: Pick<Services, "prisma" | "now">, councilId: string) {
  const [memberships, invitations] = await Promise.all([
    deps.prisma.membership.findMany({
      where: { councilId, role: { not: "resident" } },
      select: { role: true, account: { select: { id: true, email: true, displayName: true } } },
      orderBy: [{ account: { email: "asc" } }],
    }),
    deps.prisma.invitation.findMany({
      where: { councilId, acceptedAt: null, expiresAt: { gt: deps.now() } },
      select: { email: true, role: true, expiresAt: true },
      orderBy: { createdAt: "desc" },
      take: 100,
    }),
  ]);
  const people = new Map<string, { email: string; name: string | null; roles: string[] }>();
  for (const m of memberships) {
    const entry = people.get(m.account.id) ?? { email: m.account.email, name: m.account.displayName, roles: [] };
    entry.roles.push(m.role);
    people.set(m.account.id, entry);
  }
  return { staff: [...people.values()], invitations: invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString().slice(0, 10) })) };
}
