import { describe, expect, it } from "vitest";
import { IMAGE_LIMITS, sniffImageType, validateProjectImage } from "~/domain/budgeting/project-image.ts";

const bytes = (...values: number[]) => new Uint8Array(values);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46);
const WEBP = new Uint8Array([...new TextEncoder().encode("RIFF"), 0x24, 0, 0, 0, ...new TextEncoder().encode("WEBPVP8 ")]);

describe("sniffImageType", () => {
  it("recognises JPEG, PNG and WebP by their first bytes", () => {
    expect(sniffImageType(JPEG)).toBe("image/jpeg");
    expect(sniffImageType(PNG)).toBe("image/png");
    expect(sniffImageType(WEBP)).toBe("image/webp");
  });

  it("refuses everything else, whatever it is called", () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(sniffImageType(text("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"))).toBeNull();
    expect(sniffImageType(text("GIF89a"))).toBeNull();
    expect(sniffImageType(text("%PDF-1.7"))).toBeNull();
    // A RIFF file that is not WebP (a WAV sound).
    expect(sniffImageType(new Uint8Array([...text("RIFF"), 0, 0, 0, 0, ...text("WAVE")]))).toBeNull();
    // Too short to hold a signature.
    expect(sniffImageType(bytes(0xff, 0xd8))).toBeNull();
    expect(sniffImageType(bytes())).toBeNull();
  });
});

describe("validateProjectImage", () => {
  it("accepts an image with alt text, typed by its bytes", () => {
    expect(validateProjectImage({ bytes: PNG, altText: "  Children   planting bulbs " })).toEqual({
      ok: true,
      value: { contentType: "image/png", bytes: PNG, altText: "Children planting bulbs" },
    });
  });

  it.each([
    [{ bytes: null, altText: "" }, { image: "file_required", altText: "required" }],
    [{ bytes: bytes(), altText: "A bench" }, { image: "file_required" }],
    [{ bytes: new TextEncoder().encode("just some text"), altText: "A bench" }, { image: "not_image" }],
    [{ bytes: PNG, altText: "   " }, { altText: "required" }],
    [{ bytes: PNG, altText: "ab" }, { altText: "too_short" }],
    [{ bytes: PNG, altText: "x".repeat(IMAGE_LIMITS.altTextMax + 1) }, { altText: "too_long" }],
  ])("%#: refused", (upload, fieldErrors) => {
    expect(validateProjectImage(upload)).toEqual({ ok: false, reason: "invalid", detail: { fieldErrors } });
  });

  it("refuses a file over 2 MB even when it is an image", () => {
    const big = new Uint8Array(IMAGE_LIMITS.maxBytes + 1);
    big.set(JPEG);
    expect(validateProjectImage({ bytes: big, altText: "A bench" })).toMatchObject({ detail: { fieldErrors: { image: "file_too_large" } } });
    const justRight = big.subarray(0, IMAGE_LIMITS.maxBytes);
    expect(validateProjectImage({ bytes: justRight, altText: "A bench" })).toMatchObject({ ok: true });
  });

  it("refuses an eleventh picture", () => {
    expect(validateProjectImage({ bytes: PNG, altText: "A bench" }, IMAGE_LIMITS.perProject)).toMatchObject({ detail: { fieldErrors: { image: "too_many" } } });
  });
});
