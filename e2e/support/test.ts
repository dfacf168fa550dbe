// `test` and `expect` for every journey. The suite shares two cores between two browsers, the
// server (argon2 password hashing, PGlite in the same process) and whatever else the machine
// is doing, so a page may take longer than Playwright's default 5 s to answer a form: wait up
// to 15 s before calling an assertion failed.
import { expect as baseExpect, test } from "@playwright/test";

export const expect = baseExpect.configure({ timeout: 15_000 });
export { test };
