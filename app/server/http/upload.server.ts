// Reading a form that carries a file, with a size limit enforced while the body streams in, so
// an oversized upload is refused after `maxBytes` rather than buffered whole.

/** Room for the multipart boundaries and the other fields besides the file. */
const FORM_OVERHEAD = 64 * 1024;

export type UploadRead = { ok: true; form: FormData } | { ok: false; reason: "too_large" | "not_a_form" };

export async function readUploadForm(request: Request, maxFileBytes: number): Promise<UploadRead> {
  const limit = maxFileBytes + FORM_OVERHEAD;
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > limit) return { ok: false, reason: "too_large" };
  if (!request.body) return { ok: false, reason: "not_a_form" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false, reason: "too_large" };
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  try {
    const form = await new Request(request.url, {
      method: "POST",
      headers: { "Content-Type": request.headers.get("Content-Type") ?? "" },
      body,
    }).formData();
    return { ok: true, form };
  } catch {
    return { ok: false, reason: "not_a_form" };
  }
}
