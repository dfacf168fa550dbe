// Residents sign in with a 6-digit code sent by email (the demo outbox stands in for email).
// Every test uses its own address, so the "js" and "no-js" runs never share a resident.
import { expect, test } from "../support/test.ts";
import { expectNoAxeViolations } from "../support/axe.ts";
import { COUNCIL, errorSummary, expectFieldError, latestEmailTo, requestSignInCode, residentEmail, signOut } from "../support/demo.ts";

test("a resident signs in with the emailed code, sees their account and signs out", async ({ page }, testInfo) => {
  const email = residentEmail(testInfo, "resident");
  await page.goto(`/${COUNCIL}`);
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await expect(page.getByText(`If ${email} can be used to sign in, we have sent a code to it.`)).toBeVisible();
  await expectNoAxeViolations(page);

  // The code page points to the demo outbox, where the email is.
  await page.getByRole("link", { name: "Demo: the email lands in the demo outbox." }).click();
  const email1 = page.locator("article", { has: page.getByTestId("outbox-to").getByText(email, { exact: true }) });
  await expect(email1).toHaveCount(1);
  await expect(email1.getByRole("heading", { level: 2 })).toHaveText("Your sign-in code for Trafford Council (demo)");
  const code = /\b(\d{6})\b/.exec((await email1.getByTestId("outbox-text").textContent())!)?.[1];
  expect(code).toMatch(/^\d{6}$/);

  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await page.getByLabel("Code", { exact: true }).fill(code!);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(new RegExp(`/${COUNCIL}$`));
  await expect(page.getByText(`You are signed in as ${email}.`)).toBeVisible();
  await expectNoAxeViolations(page);
  // Residents do not see the staff pages.
  await expect(page.getByRole("heading", { name: "Staff pages" })).toHaveCount(0);

  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Your account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expect(page.getByRole("definition")).toHaveText([email, "Resident"]);
  await expectNoAxeViolations(page);

  await signOut(page);
  await expect(page.getByText("You are signed in as")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The account page now asks them to sign in again.
  await page.goto(`/${COUNCIL}/account`);
  await expect(page).toHaveURL(new RegExp(`/${COUNCIL}/sign-in\\?returnTo=%2F${COUNCIL}%2Faccount$`));

  // A code works once: the same code after signing out is refused.
  await page.goto(`/${COUNCIL}/sign-in/code?email=${encodeURIComponent(email)}`);
  await page.getByLabel("Code", { exact: true }).fill(code!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectFieldError(page, "code", "The code has already been used. Request a new code");
  await expect(page.getByText("You are signed in as")).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("an email address in the wrong format shows the error summary and the inline error", async ({ page }) => {
  await page.goto(`/${COUNCIL}/sign-in`);
  await page.getByLabel("Email address").fill("not-an-email@");
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expectFieldError(page, "email", "Enter an email address in the correct format, like name@example.com");
  await expect(page.getByLabel("Email address")).toHaveValue("not-an-email@");
  await expectNoAxeViolations(page);

  // An empty address gets the same message, not a crash.
  await page.getByLabel("Email address").fill("");
  await page.getByRole("button", { name: "Send code" }).click();
  await expectFieldError(page, "email", "Enter an email address in the correct format, like name@example.com");
});

test("a wrong code is refused, and the right one still works", async ({ page }, testInfo) => {
  const email = residentEmail(testInfo, "wrong-code");
  const code = await requestSignInCode(page, email);
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");

  await page.getByLabel("Code", { exact: true }).fill(wrong);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectFieldError(page, "code", "The code is not correct. Check it and try again");
  await expectNoAxeViolations(page);

  await page.getByLabel("Code", { exact: true }).fill("12ab");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectFieldError(page, "code", "Enter the code in the correct format, exactly as it is shown");

  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`You are signed in as ${email}.`)).toBeVisible();
  await expect(errorSummary(page)).toHaveCount(0);
});

test("signing in from a page that needs it comes back to that page", async ({ page }, testInfo) => {
  const email = residentEmail(testInfo, "return-to");
  await page.goto(`/${COUNCIL}/account`);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  const codePage = page.url();
  expect(new URL(codePage).searchParams.get("returnTo")).toBe(`/${COUNCIL}/account`);
  const code = /\b(\d{6})\b/.exec(await latestEmailTo(page, email))![1]!;
  await page.goto(codePage);
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${COUNCIL}/account$`));
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
});
