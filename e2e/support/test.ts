// `test` and `expect` for every journey. The suite shares two cores between two browsers, the
// server (argon2 password hashing, PGlite in the same process) and whatever else the machine
// is doing, so a page may take longer than Playwright's default 5 s to answer a form: wait up
// to 15 s before calling an assertion failed.
//
// Every test also browses from an address of its own, as residents do: the server trusts one
// proxy hop in the journeys (playwright.config.ts), and each test's requests carry a distinct
// X-Forwarded-For. Otherwise the whole suite would share 127.0.0.1 and run into the per-address
// sign-in limit that protects real residents.
import { createHash } from "node:crypto";
import { expect as baseExpect, test as base } from "@playwright/test";

export const expect = baseExpect.configure({ timeout: 15_000 });

export const test = base.extend({
  extraHTTPHeaders: async ({ extraHTTPHeaders }, use, testInfo) => {
    const hash = createHash("sha256").update(`${testInfo.testId}:${testInfo.project.name}:${testInfo.retry}`).digest();
    const address = `10.${hash[0]}.${hash[1]}.${hash[2]}`;
    await use({ ...extraHTTPHeaders, "X-Forwarded-For": address });
  },
});
