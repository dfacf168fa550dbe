// Public pages: anyone can reach them, they read well in English and Welsh, and the postcode
// lookup follows the GOV.UK error pattern. Runs with JavaScript on and off.
import type { Page } from "@playwright/test";
import { expect, test } from "../support/test.ts";
import { expectNoAxeViolations } from "../support/axe.ts";
import { COUNCIL, errorSummary, expectFieldError } from "../support/demo.ts";

const PAGES = [
  { path: "/", h1: "Have your say" },
  { path: `/${COUNCIL}`, h1: "Trafford Council (demo)" },
  { path: `/${COUNCIL}/wards`, h1: "Wards in Trafford Council (demo)" },
  { path: "/data-sources", h1: "Data sources" },
  { path: `/${COUNCIL}/accessibility`, h1: "Accessibility statement" },
  { path: `/${COUNCIL}/privacy`, h1: "Privacy notice" },
  { path: `/${COUNCIL}/sign-in`, h1: "Sign in" },
  { path: `/${COUNCIL}/staff/sign-in`, h1: "Staff sign in" },
  { path: "/dev/outbox", h1: "Demo outbox" },
];

async function expectOneH1(page: Page, text: string | RegExp) {
  await expect(page.locator("h1")).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text);
}

for (const { path, h1 } of PAGES) {
  test(`${path} loads with one h1 and no axe violations`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expectOneH1(page, h1);
    await expect(page).toHaveTitle(new RegExp(`^${h1.replace(/[()]/g, "\\$&")} – .*Commonweal$`));
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("main")).toBeVisible();
    // Every link in the footer goes somewhere real.
    for (const href of await page.getByRole("contentinfo").getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")))) {
      const footerResponse = await page.request.get(href!);
      expect(footerResponse.status(), `footer link ${href} on ${path}`).toBe(200);
    }
    await expectNoAxeViolations(page);
  });
}

test("the council home page links to its wards, and the wards table lists them", async ({ page }) => {
  await page.goto(`/${COUNCIL}`);
  const wardsLink = page.getByRole("link", { name: /Trafford Council \(demo\) has \d+ wards\./ });
  const count = Number(/has (\d+) wards/.exec((await wardsLink.textContent())!)![1]);
  expect(count).toBeGreaterThan(0);
  await wardsLink.click();
  await expectOneH1(page, "Wards in Trafford Council (demo)");
  const table = page.getByRole("table", { name: "Wards and deprivation (IMD 2025)" });
  await expect(table.getByRole("row")).toHaveCount(count + 1);
  await expect(table.getByRole("rowheader", { name: "Lostock & Barton" })).toBeVisible();
});

test("the Welsh switch changes the page to Welsh and back", async ({ page }) => {
  await page.goto(`/${COUNCIL}/wards`);
  await expectOneH1(page, "Wards in Trafford Council (demo)");
  const toWelsh = page.getByRole("link", { name: /^Cymraeg/ });
  await expect(toWelsh).toHaveAttribute("lang", "cy");
  await toWelsh.click();

  await expect(page).toHaveURL(new RegExp(`/${COUNCIL}/wards$`));
  await expectOneH1(page, "Wardiau yn Cyngor Trafford (demo)");
  await expect(page.locator("html")).toHaveAttribute("lang", "cy");
  await expect(page.getByRole("link", { name: "Neidio i'r prif gynnwys" })).toHaveAttribute("href", "#main-content");
  await expectNoAxeViolations(page);

  // The choice is remembered on other pages.
  await page.goto(`/${COUNCIL}`);
  await expectOneH1(page, "Cyngor Trafford (demo)");
  await expectNoAxeViolations(page);

  const toEnglish = page.getByRole("link", { name: /^English/ });
  await expect(toEnglish).toHaveAttribute("lang", "en");
  await toEnglish.click();
  await expect(page).toHaveURL(new RegExp(`/${COUNCIL}$`));
  await expectOneH1(page, "Trafford Council (demo)");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("the language switch never redirects off the site", async ({ page }) => {
  const response = await page.request.get("/language?to=cy&returnTo=//evil.example/", { maxRedirects: 0 });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toBe("/");
});

test.describe("find your ward", () => {
  async function lookUp(page: Page, postcode: string) {
    await page.goto(`/${COUNCIL}`);
    await page.getByLabel("Postcode").fill(postcode);
    await page.getByRole("button", { name: "Find ward" }).click();
  }

  test("a Trafford postcode finds its ward", async ({ page }) => {
    await lookUp(page, "m32 0tl");
    await expect(page.getByRole("status")).toContainText("M32 0TL is in Lostock & Barton ward.");
    await expect(page).toHaveURL(/postcode=m32\+0tl/i);
    await expect(page).not.toHaveTitle(/^Error/);
    await expect(errorSummary(page)).toHaveCount(0);
    await expectNoAxeViolations(page);

    await lookUp(page, "M33 7EX");
    await expect(page.getByRole("status")).toContainText("M33 7EX is in Sale Central ward.");
  });

  test("text that is not a postcode shows the error summary", async ({ page }) => {
    await lookUp(page, "not a postcode");
    await expectFieldError(page, "postcode", "Enter a full UK postcode, like M32 0TL");
    await expect(page.getByLabel("Postcode")).toHaveValue("not a postcode");
    await expect(page.getByRole("status")).toHaveCount(0);
    await expectNoAxeViolations(page);
    // The summary's link takes you to the field.
    await errorSummary(page).getByRole("link").click();
    await expect(page).toHaveURL(/#postcode$/);
    await expect(page.getByLabel("Postcode")).toBeFocused();
  });

  test("a real postcode outside Trafford shows the error summary", async ({ page }) => {
    await lookUp(page, "SW1A 1AA");
    await expectFieldError(page, "postcode", "SW1A 1AA is not in Trafford Council (demo). Check the postcode, or choose your ward from the list");
    await expectNoAxeViolations(page);
  });
});

test("unknown pages show the 404 page", async ({ page }) => {
  for (const path of ["/no-such-page", `/${COUNCIL}/no-such-page`, "/no-such-council/wards"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expectOneH1(page, "Page not found");
    await expect(page).toHaveTitle("Page not found – Commonweal");
    await expect(page.getByRole("link", { name: "Go to the home page" })).toHaveAttribute("href", "/");
  }
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expectOneH1(page, "Have your say");
});

test("the skip link is the first thing to tab to and lands on the main content", async ({ page }) => {
  await page.goto(`/${COUNCIL}`);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toHaveAttribute("href", "#main-content");
  await expect(page.locator("main#main-content")).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main-content$/);
  await expect(page.locator("#main-content")).toBeFocused();
});
