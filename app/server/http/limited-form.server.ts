// Reads a posted form — urlencoded or multipart with files — with a cap on the body's size, for
// the few forms that take uploads. `request.formData()` on its own reads whatever a client sends
// into memory; here the body is read chunk by chunk and abandoned as soon as it passes the cap,
// so an oversized upload costs at most the cap, and the page can say why it was refused.

export type LimitedForm = { ok: true; form: FormData } | { ok: false; status: 400 | 413 };

export async function readLimitedForm(request: Request, maxBytes: number): Promise<LimitedForm> {
  const declared = Number(request.headers.get("Content-Length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, status: 413 };
  if (!request.body) return { ok: false, status: 400 };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, status: 413 };
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    const form = await new Request(request.url, { method: "POST", headers: request.headers, body }).formData();
    return { ok: true, form };
  } catch {
    return { ok: false, status: 400 };
  }
}

/** The bytes of an uploaded file field, or null when none was chosen (browsers send an empty file). */
export async function fileBytes(value: FormDataEntryValue | null): Promise<Uint8Array | null> {
  if (value === null || typeof value === "string" || value.size === 0) return null;
  return new Uint8Array(await value.arrayBuffer());
}
