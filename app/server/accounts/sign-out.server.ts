import type { Services } from "../services.server.ts";

/** "Sign out everywhere": ends every session of the account, and records that it did. */
export async function signOutEverywhere(deps: Pick<Services, "prisma">, input: { accountId: string; councilId: string }) {
  await deps.prisma.$transaction([
    deps.prisma.session.deleteMany({ where: { accountId: input.accountId } }),
    deps.prisma.auditEvent.create({
      data: { councilId: input.councilId, actorId: input.accountId, action: "account.signed_out_everywhere", subjectType: "Account", subjectId: input.accountId },
    }),
  ]);
}
