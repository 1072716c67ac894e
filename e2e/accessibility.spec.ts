import { expect, test } from "@playwright/test";
import { wcagViolations } from "./pages/axe";
import { SignInPage } from "./pages/sign-in-page";

const TENANT_PAGES = ["dashboard", "actions", "alerts", "forecasts", "inventory", "inventory/settings", "pricing", "scenarios", "assistant", "reports", "data", "models", "admin", "admin/billing"];


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
    // Fifteen pages, some computing a first explanation or inventory plan, on a shared 2-core box.
    test.setTimeout(300_000);
    await new SignInPage(page).signIn(email);
    await page.waitForURL(`**/t/${slug}/**`);
    const problems: string[] = [];
    for (const section of TENANT_PAGES) {
      await page.goto(`/t/${slug}/${section}`);
      await page.waitForLoadState("networkidle");
      for (const v of await wcagViolations(page)) problems.push(`${section}: ${v}`);
    }
    // The "why?" page of the first forecast day, reached the way a user does.
    await page.goto(`/t/${slug}/forecasts`);
    await page.getByRole("link", { name: /^Why .* units on/ }).first().click();
    await expect(page.getByTestId("sentences")).toBeVisible();
    for (const v of await wcagViolations(page)) problems.push(`forecasts/why: ${v}`);
    // The item and store pages of the series the Forecasts page opens on, reached through its links.
    await page.goto(`/t/${slug}/forecasts`);
    await page.getByTestId("series-title").getByRole("link").first().click();
    await expect(page.getByTestId("item-title")).toBeVisible();
    await page.waitForLoadState("networkidle");
    for (const v of await wcagViolations(page)) problems.push(`items/[id]: ${v}`);
    await page.getByTestId("item-title").getByRole("link").click();
    await expect(page.getByTestId("store-title")).toBeVisible();
    await page.waitForLoadState("networkidle");
    for (const v of await wcagViolations(page)) problems.push(`stores/[id]: ${v}`);
    expect(problems).toEqual([]);
  });
}
