import { expect, test } from "@playwright/test";
import { DashboardPage } from "./pages/dashboard-page";
import { collectPageErrors } from "./pages/page-errors";
import { SignInPage } from "./pages/sign-in-page";

test("an analyst signs in and sees Acme's dashboard with real figures", async ({ page }) => {
  const errors = collectPageErrors(page);
  await new SignInPage(page).signIn("analyst@acme.test");
  const dashboard = new DashboardPage(page);
  await dashboard.expectLoaded();
  await expect(dashboard.brand()).toContainText("Acme");
  const values = await dashboard.kpiValues().allTextContents();
  for (const value of values) {
    expect(value).toMatch(/\d/);
    expect(value).not.toMatch(/^\D*0(\.0+)?\D*$/);
  }
  // Acme reports in US dollars: revenue, average price and margin carry the currency.
  expect(values.filter((v) => v.startsWith("$"))).toHaveLength(3);
  // The chart's date axis is labelled.
  await expect(page.getByTestId("sales-chart").locator("svg text").filter({ hasText: /^\d{4}-\d{2}-\d{2}$/ }).first()).toBeVisible();

  // Filtering by store, then by category, changes the figures; the breakdowns follow the filter.
  const before = await dashboard.kpiValues().first().textContent();
  const store = (await page.getByLabel("Store", { exact: true }).locator("option").nth(1).textContent()) ?? "";
  await page.getByLabel("Store", { exact: true }).selectOption({ index: 1 });
  await expect(dashboard.kpiValues().first()).not.toHaveText(before ?? "");
  await expect(dashboard.breakdownRows("By store")).toHaveCount(1);
  await expect(dashboard.breakdownRows("By store")).toContainText(store);
  const storeOnly = await dashboard.kpiValues().first().textContent();
  await page.getByLabel("Category", { exact: true }).selectOption({ index: 1 });
  await expect(dashboard.kpiValues().first()).not.toHaveText(storeOnly ?? "");
  await expect(dashboard.breakdownRows("By category")).toHaveCount(1);
  await dashboard.expectLoaded();
  expect(errors).toEqual([]);
});

test("an analyst of one tenant cannot switch to or open another tenant", async ({ page }) => {
  await new SignInPage(page).signIn("analyst@acme.test");
  await new DashboardPage(page).expectLoaded();
  await expect(page.getByLabel("Switch workspace")).toHaveCount(0);
  for (const path of ["/t/northwind-fashion/dashboard", "/t/northwind-fashion/admin", "/t/northwind-fashion"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(/northwind/i);
  }
  // The app's own API refuses the other tenant too, naming nothing of it.
  for (const procedure of ["tenant.current", "catalog.stores", "sales.dataRange"]) {
    const api = await page.request.get(`/api/trpc/${procedure}`, { headers: { "x-tenant": "northwind-fashion" } });
    expect(api.status(), procedure).toBe(404);
    expect(await api.text()).not.toMatch(/Northwind [A-Z]/);
  }
  // The 404 page leads back to the user's own workspace.
  await page.getByRole("link", { name: "Back to your workspace" }).click();
  await new DashboardPage(page).expectLoaded();
  await expect(page).toHaveURL(/\/t\/acme-grocers\/dashboard$/);
});

test("the Northwind owner sees Northwind's brand and data, never Acme's", async ({ page }) => {
  const errors = collectPageErrors(page);
  await new SignInPage(page).signIn("owner@northwind.test");
  const dashboard = new DashboardPage(page);
  await dashboard.expectLoaded();
  await expect(dashboard.brand()).toHaveText("Northwind Fashion");
  await expect(page.locator("body")).not.toContainText(/acme/i);
  const stores = await page.getByLabel("Store", { exact: true }).locator("option").allTextContents();
  expect(stores.length).toBeGreaterThan(1);
  expect(stores.join(" ")).not.toMatch(/acme/i);
  // Northwind's own figures: euros, its stores in the breakdown.
  for (const value of await dashboard.kpiValues().allTextContents()) expect(value).toMatch(/\d/);
  await expect(dashboard.kpiValues().first()).toContainText("€");
  await expect(dashboard.breakdownRows("By store").first()).toContainText("Northwind");
  // Acme's workspace does not exist for this user.
  expect((await page.goto("/t/acme-grocers/dashboard"))?.status()).toBe(404);
  await expect(page.locator("body")).not.toContainText(/acme/i);
  expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
});

test("on a phone the sections stay reachable without the sidebar", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await new SignInPage(page).signIn("analyst@acme.test");
  await new DashboardPage(page).expectLoaded();
  const sections = page.getByRole("navigation", { name: "Sections" });
  await expect(sections).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await sections.getByRole("link", { name: "Inventory" }).click();
  await expect(page).toHaveURL(/\/t\/acme-grocers\/inventory$/);
  await expect(page.getByRole("heading", { name: "Inventory", level: 1 })).toBeVisible();
  // The page is no wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.signIn("viewer@acme.test", "not-the-password");
  await expect(signIn.error()).toContainText("Wrong email or password");
  await expect(page).toHaveURL(/\/sign-in/);
});
