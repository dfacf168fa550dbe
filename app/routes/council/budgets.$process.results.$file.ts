// Open data: one budget's published election as a pabulib `.pb` file (/…/results/<budget id>.pb),
// ballots anonymised, so anyone can recount it. 404 until the results are published.
import type { Route } from "./+types/budgets.$process.results.$file";
import { fileResponse, missingFile } from "~/server/budgeting/open-data-response.server.ts";
import { resultsPabulibFile } from "~/server/budgeting/results.server.ts";
import { requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const budgetId = /^([A-Za-z0-9_-]{1,64})\.pb$/.exec(params.file)?.[1];
  if (!budgetId) return missingFile();
  const file = await resultsPabulibFile(context.services, { councilId: council.id, councilName: council.name, slugOrId: params.process, budgetId });
  if (!file.ok) return missingFile();
  return fileResponse(file.value.text, { contentType: "text/plain; charset=utf-8", fileName: file.value.fileName });
}
