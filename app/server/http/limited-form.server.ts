// Reads a posted form — urlencoded or multipart with files — with a cap on the body's size, for
// the few forms that take uploads. `request.formData()` on its own reads whatever a client sends
// into memory; here the body is read chunk by chunk and nothing past the cap is kept, so an
// oversized upload costs at most the cap in memory, and the page can say why it was refused.

export type LimitedForm = { ok: true; form: FormData } | { ok: false; status: 400 | 413 };

/**
 * Past the cap the rest of the body is still read, and thrown away, up to `DRAIN_FACTOR` times
 * the cap: a browser that is still sending when the answer comes back may show a broken
 * connection instead of the page saying the file is too large. Beyond that the connection is
 * given up on.
 */
const DRAIN_FACTOR = 8;

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, read: number, limit: number): Promise<void> {
  let total = read;
  while (total <= limit) {
    const { done, value } = await reader.read();
    if (done) return;
    total += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
}

export async function readLimitedForm(request: Request, maxBytes: number): Promise<LimitedForm> {
  if (!request.body) return { ok: false, status: 400 };
  const reader = request.body.getReader();
  const declared = Number(request.headers.get("Content-Length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await drain(reader, 0, maxBytes * DRAIN_FACTOR);
    return { ok: false, status: 413 };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await drain(reader, size, maxBytes * DRAIN_FACTOR);
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
