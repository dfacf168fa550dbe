// A project picture for officers, drafts included (the public pages serve published processes'
// pictures at their own address). The type sent is the one read from the bytes at upload.
import type { Route } from "./+types/officer.budgets.$process.images.$image";
import { getProjectImage } from "~/server/budgeting/project-images.server.ts";
import { notFound } from "~/server/http/request.server.ts";
import { requireBudgetOfficer } from "./officer-budgets.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { council, actor } = await requireBudgetOfficer(context, request, params.council);
  const result = await getProjectImage(context.services, actor, { councilId: council.id, imageId: params.image });
  if (!result.ok) notFound();
  return new Response(new Uint8Array(result.value.bytes), {
    headers: {
      "Content-Type": result.value.contentType,
      "Content-Disposition": "inline",
      // Behind a sign-in: browsers may keep it, shared caches may not.
      "Cache-Control": "private, max-age=3600",
    },
  });
}
