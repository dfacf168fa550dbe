// Staff sign in with a password and a TOTP code; only staff with the right role reach staff
// pages; an administrator invites a new member of staff, who sets a password, enrols an
// authenticator app, saves recovery codes and can sign out everywhere.
import type { Page } from "@playwright/test";
import { expect, test } from "../support/test.ts";
import { expectNoAxeViolations } from "../support/axe.ts";
import {
  claimTotpStep,
  COUNCIL,
  demoCredentials,
  enterTotp,
  errorSummary,
  expectFieldError,
  latestEmailTo,
  residentEmail,
  signInAsResident,
  signInAsStaff,
  signOut,
  submitPassword,
  totpCode,
  wrongTotpCode,
} from "../support/demo.ts";

// A TOTP step another run has just used can mean waiting up to 30 s for the next one.
test.describe.configure({ timeout: 120_000 });

const menu = (page: Page) => page.getByRole("navigation", { name: "Menu" });

test("an anonymous visitor is sent to staff sign-in, and an officer signs in and reaches the frameworks page", async ({ page }) => {
  await page.goto(`/${COUNCIL}/officer/frameworks`);
  await expect(page).toHaveURL(new RegExp(`/${COUNCIL}/staff/sign-in\\?returnTo=%2F${COUNCIL}%2Fofficer%2Fframeworks$`));
  await expect(page.getByRole("heading", { level: 1, name: "Staff sign in" })).toBeVisible();
  await expectNoAxeViolations(page);

  const creds = await demoCredentials(page, "Officer");
  await page.goto(`/${COUNCIL}/officer/frameworks`);
  await submitPassword(page, creds);
  await expect(page.getByRole("heading", { level: 1, name: "Enter the code from your authenticator app" })).toBeVisible();
  await expect(page).toHaveURL(/\/staff\/two-factor\?returnTo=/);
  await expectNoAxeViolations(page);
  // Half signed in is not signed in: staff pages still need the second step.
  const early = await page.request.get(`/${COUNCIL}/officer/frameworks`, { maxRedirects: 0 });
  expect(early.status()).toBe(302);
  expect(early.headers()["location"]).toContain(`/${COUNCIL}/staff/sign-in`);

  await enterTotp(page, creds);
  await expect(page).toHaveURL(new RegExp(`/${COUNCIL}/officer/frameworks$`));
  await expect(page.getByRole("heading", { level: 1, name: "Outcome frameworks" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The council home page shows an officer the staff pages they may open, and no others.
  await page.goto(`/${COUNCIL}`);
  await expect(page.getByText(`You are signed in as ${creds.email}.`)).toBeVisible();
  const staffLinks = page.getByRole("region", { name: "Staff pages" });
  await expect(staffLinks.getByRole("link")).toHaveText(["Outcome frameworks", "Consultations", "Budget processes"]);
  await expectNoAxeViolations(page);
  // An officer cannot manage staff.
  const adminPage = await page.goto(`/${COUNCIL}/admin/staff`);
  expect(adminPage?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "You cannot view this page" })).toBeVisible();

  await page.goto(`/${COUNCIL}`);
  await staffLinks.getByRole("link", { name: "Outcome frameworks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Outcome frameworks" })).toBeVisible();
  await signOut(page);
});

test("a wrong password is refused with the GOV.UK error pattern", async ({ page }) => {
  const creds = await demoCredentials(page, "Officer");
  await submitPassword(page, { email: creds.email, password: "not-the-right-password" });
  await expect(page.getByRole("heading", { level: 1, name: "Staff sign in" })).toBeVisible();
  await expectFieldError(page, "password", "The email address or password is not correct");
  // The address stays filled in; the server never sends the password back.
  await expect(page.getByLabel("Email address")).toHaveValue(creds.email);
  await expect(page.getByLabel("Password", { exact: true })).not.toHaveAttribute("value");
  await expectNoAxeViolations(page);

  await submitPassword(page, { email: "nobody", password: "whatever-it-is" });
  await expectFieldError(page, "email", "Enter an email address in the correct format, like name@example.com");
  await expect(page.getByText("You are signed in as")).toHaveCount(0);
});

test("a resident cannot open staff pages", async ({ page }, testInfo) => {
  const email = residentEmail(testInfo, "not-staff");
  await signInAsResident(page, email);
  for (const path of [`/${COUNCIL}/officer/frameworks`, `/${COUNCIL}/officer/frameworks/new`, `/${COUNCIL}/admin/staff`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "You cannot view this page" })).toBeVisible();
    await expect(page).toHaveTitle(/^You cannot view this page/);
  }
  await expectNoAxeViolations(page);
  // Nor post to them.
  await page.goto(`/${COUNCIL}`);
  const post = await page.request.post(`/${COUNCIL}/officer/frameworks`, {
    form: { versions: "x" },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(post.status()).toBe(403);
});

test("an administrator invites a member of staff, who joins, enrols TOTP and signs out everywhere", async ({ page, browser }, testInfo) => {
  const invitee = residentEmail(testInfo, "new-officer");

  // The administrator sends the invitation.
  await signInAsStaff(page, "Administrator");
  await expect(page.getByText("You are signed in as demo-admin@example.org.")).toBeVisible();
  await page.getByRole("region", { name: "Staff pages" }).getByRole("link", { name: "Staff and invitations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Staff and invitations" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Staff" }).getByRole("rowheader", { name: /demo-officer@example\.org/ })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Email address").fill("not an address");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expectFieldError(page, "email", "Enter an email address in the correct format, like name@example.com");
  await expectNoAxeViolations(page);

  await page.getByLabel("Email address").fill(invitee);
  await expect(page.getByRole("radio", { name: "Officer" })).toBeChecked();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `Invitation sent to ${invitee}.` })).toBeVisible();
  await expectNoAxeViolations(page);
  await signOut(page);

  // The invitation arrives by email with a link.
  const mail = await latestEmailTo(page, invitee);
  const link = /https?:\/\/\S+(\/invitations\/[A-Za-z0-9_-]+)/.exec(mail)?.[1];
  expect(link, "the invitation email has a link").toBeTruthy();

  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1, name: "Accept your invitation" })).toBeVisible();
  await expect(page.getByText("You have been invited to Trafford Council (demo) as Officer.")).toBeVisible();
  await expectNoAxeViolations(page);

  // A weak password is refused first.
  await page.getByLabel("Your name").fill("New Officer");
  await page.getByLabel("Password", { exact: true }).fill("password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expectFieldError(page, "password", "Password must be 12 characters or more");
  await expect(page.getByLabel("Your name")).toHaveValue("New Officer");
  await expectNoAxeViolations(page);

  const password = `harbour-${testInfo.project.name}-lantern-57-quay`;
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(new RegExp(`/${COUNCIL}/staff/sign-in$`));
  await expect(page.getByRole("heading", { level: 1, name: "Staff sign in" })).toBeVisible();

  // The link works once.
  await page.goto(link!);
  await expect(page.getByText("This invitation link is not valid.")).toBeVisible();

  // First sign-in: password, then enrolment of an authenticator app.
  await page.goto(`/${COUNCIL}/staff/sign-in`);
  await submitPassword(page, { email: invitee, password });
  await expect(page.getByRole("heading", { level: 1, name: "Set up your authenticator app" })).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code containing your authenticator key" })).toBeVisible();
  await expectNoAxeViolations(page);
  const key = (await page.getByTestId("totp-key").textContent())!.trim();
  expect(key.replace(/\s/g, "")).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel("Code from your app").fill(wrongTotpCode(key));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expectFieldError(page, "code", "The code is not correct. Check it and try again");
  // The same key is shown again beside the error.
  await expect(page.getByTestId("totp-key")).toHaveText(key);
  await expectNoAxeViolations(page);

  await page.getByLabel("Code from your app").fill(totpCode(key, await claimTotpStep(invitee)));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Save your recovery codes" })).toBeVisible();
  const recoveryCodes = (await page.getByTestId("recovery-codes").getByRole("listitem").allTextContents()).map((c) => c.trim());
  expect(recoveryCodes).toHaveLength(10);
  for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
  expect(new Set(recoveryCodes).size).toBe(10);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "I have saved my codes" }).click();
  await expect(page.getByText(`You are signed in as ${invitee}.`)).toBeVisible();

  // A second device signs in too (same project settings, its own cookies).
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(`/${COUNCIL}/staff/sign-in`);
  await submitPassword(otherPage, { email: invitee, password });
  await enterTotp(otherPage, { email: invitee, totpSecret: key });
  await expect(otherPage.getByText(`You are signed in as ${invitee}.`)).toBeVisible();

  // "Sign out everywhere" ends both sessions.
  await menu(page).getByRole("link", { name: "Your account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expect(page.getByRole("definition")).toHaveText([invitee, "Officer"]);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "You have been signed out on every device." })).toBeVisible();
  await expect(page.getByText("You are signed in as")).toHaveCount(0);
  await expectNoAxeViolations(page);

  await otherPage.goto(`/${COUNCIL}`);
  await expect(otherPage.getByRole("heading", { level: 1, name: "Trafford Council (demo)" })).toBeVisible();
  await expect(otherPage.getByText("You are signed in as")).toHaveCount(0);
  await expect(menu(otherPage).getByRole("link", { name: "Sign in" })).toBeVisible();
  await other.close();

  // Signing in again: a wrong code is refused; a recovery code works, once.
  await page.goto(`/${COUNCIL}/staff/sign-in`);
  await submitPassword(page, { email: invitee, password });
  await expect(page.getByRole("heading", { level: 1, name: "Enter the code from your authenticator app" })).toBeVisible();
  // Enrolment happens once: the set-up page now says so and leads back to the code.
  await page.goto(`/${COUNCIL}/staff/two-factor/setup`);
  await expect(page.getByText("An authenticator app is already set up for this account")).toBeVisible();
  await expect(page.getByTestId("totp-key")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enter the code from your authenticator app" })).toBeVisible();
  await page.getByLabel("Code", { exact: true }).fill(wrongTotpCode(key));
  await page.getByRole("button", { name: "Continue" }).click();
  await expectFieldError(page, "code", "The code is not correct. Check it and try again");
  await page.getByRole("link", { name: "Use a recovery code instead" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Use a recovery code" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Recovery code").fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText(`You are signed in as ${invitee}.`)).toBeVisible();
  await expect(errorSummary(page)).toHaveCount(0);
  await signOut(page);
});
