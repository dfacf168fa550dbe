// The outcome of a domain rule or a use case. Expected failures are values with a
// string-literal reason (DESIGN.md "Conventions"); throw only for programmer errors.

export type Result<T, E extends string> =
  | { ok: true; value: T }
  | { ok: false; reason: E; detail?: unknown };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E extends string>(
  reason: E,
  detail?: unknown,
): { ok: false; reason: E; detail?: unknown } {
  return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}
