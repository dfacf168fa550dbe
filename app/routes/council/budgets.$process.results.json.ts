// Open data: the published results of a process as one JSON document (shape: open-data.ts and
// app/server/budgeting/README.md "Open data"). 404 until the results are published.
import type { Route } from "./+types/budgets.$process.results.json";
import { resultsOpenData } from "~/server/budgeting/results.server.ts";
import { requireCouncil } from "~/server/http/request.server.ts";
import { fileResponse, missingFile } from "~/server/budgeting/open-data-response.server.ts";

export async function loader({ params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const doc = await resultsOpenData(context.services, {
    councilId: council.id,
    council: { name: council.name, slug: council.slug },
    slugOrId: params.process,
  });
  if (!doc.ok) return missingFile();
  return fileResponse(`${JSON.stringify(doc.value, null, 2)}\n`, {
    contentType: "application/json; charset=utf-8",
    fileName: `${doc.value.process.slug}-results.json`,
  });
}
