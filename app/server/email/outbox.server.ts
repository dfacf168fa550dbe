import type { Services } from "../services.server.ts";

/** Newest first; the demo only ever needs the last few. */
export async function listOutbox({ prisma }: Pick<Services, "prisma">, take = 50) {
  const rows = await prisma.outboxEmail.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, to: true, subject: true, text: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
