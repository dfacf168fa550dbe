import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./test.ts";

/**
 * WCAG 2.2 AA rule set: zero violations allowed.
 *
 * Runs in the "js" project only. AxeBuilder cannot run with javaScriptEnabled: false: its
 * injected script is evaluated, but axe.run waits on timers that never fire while the page's
 * script execution is disabled, so analyze() hangs until the test times out (checked with
 * @axe-core/playwright 4.14 and the system Chromium). Every page is server-rendered, so the
 * "js" project scans the same markup the "no-js" project sees, after hydration.
 */
export async function expectNoAxeViolations(page: Page) {
  if (test.info().project.use.javaScriptEnabled === false) return;
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
