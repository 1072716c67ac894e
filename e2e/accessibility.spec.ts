import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";

const TENANT_PAGES = ["dashboard", "actions", "forecasts", "inventory", "pricing", "assistant", "reports", "data", "models", "admin", "admin/billing"];

/** WCAG 2.0/2.1 A and AA rules, the bar every page must meet. */
async function wcagViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const path of ["/sign-in", "/sign-up"]) {
  test(`${path} passes WCAG 2 AA`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("button").first()).toBeVisible();
    expect(await wcagViolations(page)).toEqual([]);
  });
}

// Both demo brands: their colours differ, and the text derived from each must reach 4.5:1.
for (const { email, slug } of [
  { email: "owner@acme.test", slug: "acme-grocers" },
  { email: "owner@northwind.test", slug: "northwind-fashion" },
]) {
  test(`every section of ${slug} passes WCAG 2 AA`, async ({ page }) => {
    test.setTimeout(120_000);
    await new SignInPage(page).signIn(email);
    await page.waitForURL(`**/t/${slug}/**`);
    const problems: string[] = [];
    for (const section of TENANT_PAGES) {
      await page.goto(`/t/${slug}/${section}`);
      await page.waitForLoadState("networkidle");
      for (const v of await wcagViolations(page)) problems.push(`${section}: ${v}`);
    }
    expect(problems).toEqual([]);
  });
}
