// HTTP responses for the open data files: a download with its own name, or a plain 404.

/** A file to save: attachment with a safe ASCII file name. Published results never change. */
export function fileResponse(body: string, options: { contentType: string; fileName: string }): Response {
  const name = options.fileName.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(body, {
    headers: {
      "Content-Type": options.contentType,
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "public, max-age=300",
    },
  });
}

/** Unpublished, unknown or another council's: the same answer for all, so nothing leaks. */
export function missingFile(): Response {
  return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
