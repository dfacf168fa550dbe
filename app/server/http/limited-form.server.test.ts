import { describe, expect, it } from "vitest";
import { fileBytes, readLimitedForm } from "./limited-form.server.ts";

function multipart(file: Uint8Array, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("image", new Blob([new Uint8Array(file)], { type: "image/png" }), "photo.png");
  return form;
}

/** A request whose body arrives as a stream with no Content-Length, as a chunked upload does. */
function streamed(bytes: Uint8Array, contentType: string) {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 1024) controller.enqueue(bytes.subarray(i, i + 1024));
      controller.close();
    },
  });
  return new Request("http://localhost/upload", { method: "POST", body: stream, headers: { "Content-Type": contentType }, duplex: "half" } as RequestInit);
}

describe("readLimitedForm", () => {
  it("reads fields and files within the limit", async () => {
    const request = new Request("http://localhost/upload", { method: "POST", body: multipart(new Uint8Array([1, 2, 3]), { altText: "A bench" }) });
    const read = await readLimitedForm(request, 10_000);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.form.get("altText")).toBe("A bench");
    expect(await fileBytes(read.form.get("image"))).toEqual(new Uint8Array([1, 2, 3]));
    expect(await fileBytes(read.form.get("missing"))).toBeNull();
  });

  it("refuses a body declared too large without reading it", async () => {
    const request = new Request("http://localhost/upload", {
      method: "POST",
      body: "x",
      headers: { "Content-Length": "999999", "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(await readLimitedForm(request, 1000)).toEqual({ ok: false, status: 413 });
  });

  it("stops reading a streamed body once it passes the limit", async () => {
    const encoded = new Request("http://x", { method: "POST", body: multipart(new Uint8Array(50_000)) });
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const type = encoded.headers.get("Content-Type")!;
    expect(await readLimitedForm(streamed(bytes, type), 10_000)).toEqual({ ok: false, status: 413 });
    expect((await readLimitedForm(streamed(bytes, type), 60_000)).ok).toBe(true);
  });

  it("says 400 for a body that is not a form", async () => {
    const request = new Request("http://localhost/upload", { method: "POST", body: "not a form", headers: { "Content-Type": "multipart/form-data; boundary=zzz" } });
    expect(await readLimitedForm(request, 1000)).toEqual({ ok: false, status: 400 });
  });
});
