import { expect, test } from "@playwright/test";
import { DashboardPage } from "./pages/dashboard-page";
import { SignInPage } from "./pages/sign-in-page";

test("an analyst signs in and sees Acme's dashboard with real figures", async ({ page }) => {
  await new SignInPage(page).signIn("analyst@acme.test");
  const dashboard = new DashboardPage(page);
  await dashboard.expectLoaded();
  await expect(dashboard.brand()).toContainText("Acme");
  for (const value of await dashboard.kpiValues().allTextContents()) {
    expect(value).toMatch(/\d/);
    expect(value).not.toMatch(/^\D*0(\.0+)?\D*$/);
  }
  // Filtering by store changes the figures.
  const before = await dashboard.kpiValues().first().textContent();
  await page.getByLabel("Store").selectOption({ index: 1 });
  await expect(dashboard.kpiValues().first()).not.toHaveText(before ?? "");
});

test("an analyst of one tenant cannot switch to or open another tenant", async ({ page }) => {
  await new SignInPage(page).signIn("analyst@acme.test");
  await new DashboardPage(page).expectLoaded();
  await expect(page.getByLabel("Switch workspace")).toHaveCount(0);
  const response = await page.goto("/t/northwind-fashion/dashboard");
  expect(response?.status()).toBe(404);
  await expect(page.getByText(/northwind/i)).toHaveCount(0);
});

test("the Northwind owner sees Northwind's brand and data, never Acme's", async ({ page }) => {
  await new SignInPage(page).signIn("owner@northwind.test");
  const dashboard = new DashboardPage(page);
  await dashboard.expectLoaded();
  await expect(dashboard.brand()).toContainText("Northwind");
  await expect(page.locator("body")).not.toContainText(/acme/i);
  const stores = await page.getByLabel("Store").locator("option").allTextContents();
  expect(stores.length).toBeGreaterThan(1);
  expect(stores.join(" ")).not.toMatch(/acme/i);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.signIn("viewer@acme.test", "not-the-password");
  await expect(signIn.error()).toContainText("Wrong email or password");
  await expect(page).toHaveURL(/\/sign-in/);
});
