// The name staff give when accepting an invitation; shown to colleagues and in the audit log.
// Rendered through React's escaping only (cf. Decidim CVE-2026-23891: a user *name* rendered
// unescaped), so the rule here is about sense, not about markup.
import { err, ok, type Result } from "../result.ts";

export type DisplayNameReason = "invalid_display_name";

export const DISPLAY_NAME_MAX_LENGTH = 100;

export function parseDisplayName(input: string): Result<string, DisplayNameReason> {
  const name = input.normalize("NFC").replace(/\s+/g, " ").trim();
  if (name.length === 0 || [...name].length > DISPLAY_NAME_MAX_LENGTH) return err("invalid_display_name");
  // Control and bidirectional-override characters can make a name display as something else.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u.test(name)) return err("invalid_display_name");
  return ok(name);
}
