// Pictures of a project, uploaded by officers and shown to residents. Pure; the server stores
// the accepted bytes in ProjectImage.
//
// The type is decided by the file's first bytes (its "magic number"), never by the file name or
// the Content-Type the browser sent: both are chosen by the uploader, and a file served back
// with a type it does not really have is how stored-content attacks start (OWASP File Upload
// Cheat Sheet: "validate the file type, don't trust the Content-Type header"). Only JPEG, PNG
// and WebP are accepted — what every browser shows, and nothing that can carry script (no SVG).
import type { FieldErrors, Validation } from "~/domain/budgeting/process.ts";
import { ok } from "~/domain/result.ts";

export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const IMAGE_LIMITS = {
  /** 2 MB: a good photo for a web page, and small enough to keep in the database. */
  maxBytes: 2 * 1024 * 1024,
  altTextMin: 3,
  altTextMax: 250,
  perProject: 10,
} as const;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/**
 * The image type of `bytes` from its signature, or null. JPEG: FF D8 FF (JFIF / Exif, ISO/IEC
 * 10918-1 SOI marker); PNG: the 8-byte signature of RFC 2083 §3.1; WebP: a RIFF container whose
 * form type at offset 8 is "WEBP" (RFC 9649 §2.5).
 */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

export interface ImageUpload {
  /** The uploaded file's bytes; null or empty when no file was chosen. */
  bytes: Uint8Array | null;
  altText: unknown;
}

export interface ProjectImageDraft {
  contentType: ImageType;
  bytes: Uint8Array;
  altText: string;
}

/**
 * An uploaded picture with its alt text (required: it is what a screen reader announces, WCAG
 * 2.2 SC 1.1.1). `existing` is how many pictures the project already has.
 */
export function validateProjectImage(upload: ImageUpload, existing = 0): Validation<ProjectImageDraft> {
  const errors: FieldErrors = {};
  let contentType: ImageType | null = null;
  if (existing >= IMAGE_LIMITS.perProject) errors.image = "too_many";
  else if (!upload.bytes || upload.bytes.length === 0) errors.image = "file_required";
  else if (upload.bytes.length > IMAGE_LIMITS.maxBytes) errors.image = "file_too_large";
  else {
    contentType = sniffImageType(upload.bytes);
    if (!contentType) errors.image = "not_image";
  }
  const alt = typeof upload.altText === "string" ? upload.altText.trim().replace(/\s+/g, " ") : "";
  if (alt === "") errors.altText = "required";
  else if (alt.length < IMAGE_LIMITS.altTextMin) errors.altText = "too_short";
  else if (alt.length > IMAGE_LIMITS.altTextMax) errors.altText = "too_long";
  if (Object.keys(errors).length > 0 || !contentType || !upload.bytes) return { ok: false, reason: "invalid", detail: { fieldErrors: errors } };
  return ok({ contentType, bytes: upload.bytes, altText: alt });
}
