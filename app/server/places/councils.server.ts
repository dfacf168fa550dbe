import type { Services } from "../services.server.ts";

export function listCouncils({ prisma }: Pick<Services, "prisma">) {
  return prisma.council.findMany({ select: { slug: true, name: true, isDemo: true }, orderBy: { name: "asc" } });
}

export function countWards({ prisma }: Pick<Services, "prisma">, councilId: string) {
  return prisma.area.count({ where: { councilId, type: "ward" } });
}

export async function councilSlugById({ prisma }: Pick<Services, "prisma">, id: string) {
  return (await prisma.council.findUniqueOrThrow({ where: { id }, select: { slug: true } })).slug;
}
