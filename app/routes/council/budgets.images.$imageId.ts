// The bytes of a project's picture, from the database (so every app process behind a load
// balancer can serve it). Ids are random UUIDs and images never change once stored, so public
// processes' images may be cached for a year; a draft's only privately, for its officers.
import type { Route } from "./+types/budgets.images.$imageId";
import { getProjectImage } from "~/server/budgeting/voting.server.ts";
import { requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const result = await getProjectImage(context.services, context.auth.actor, { councilId: council.id, imageId: params.imageId });
  if (!result.ok)
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  const image = result.value;
  const headers = new Headers({
    "Content-Type": image.contentType,
    "Content-Length": String(image.bytes.byteLength),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": image.public ? "public, max-age=31536000, immutable" : "private, no-store",
  });
  if (!image.inline) headers.set("Content-Disposition", "attachment");
  return new Response(image.bytes, { status: 200, headers });
}
