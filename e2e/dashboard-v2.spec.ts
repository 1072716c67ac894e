import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DashboardPage } from "./pages/dashboard-page";
import { collectPageErrors } from "./pages/page-errors";
import { SignInPage } from "./pages/sign-in-page";

test("an analyst drills from the tenant to an item keeping the period, shares the view by URL and downloads a table as CSV", async ({ page }) => {
  const errors = collectPageErrors(page);
  await new SignInPage(page).signIn("analyst@acme.test");
  const dashboard = new DashboardPage(page);
  await dashboard.expectLoaded();
  await page.getByLabel("Period").selectOption("365");
  await expect(page).toHaveURL(/period=365/);

  // Tenant → store → category → item, each by a link in the table of the level above.
  const store = dashboard.breakdownRows("By store").first().getByRole("link");
  const storeName = (await store.textContent()) ?? "";
  await store.click();
  await expect(page).toHaveURL(/period=365&store=/);
  await expect(dashboard.breakdownRows("By store")).toHaveCount(1);
  const category = dashboard.breakdownRows("By category").first().getByRole("link");
  const categoryName = (await category.textContent()) ?? "";
  await category.click();
  await expect(page).toHaveURL(/period=365&store=[^&]+&category=/);
  const items = dashboard.breakdownRows(`Items of ${categoryName} in ${storeName}`);
  await expect(items.first()).toBeVisible();
  const item = items.first().getByRole("link");
  const itemName = (await item.textContent()) ?? "";
  await item.click();
  await expect(page).toHaveURL(/period=365&store=[^&]+&category=[^&]+&item=/);
  for (const level of ["Acme Grocers", storeName, categoryName, itemName]) await expect(dashboard.breadcrumb().getByRole("listitem").filter({ has: page.getByText(level, { exact: true }) })).toHaveCount(1);
  await expect(dashboard.breadcrumb().locator('[aria-current="page"]')).toHaveText(itemName);
  await expect(page.getByLabel("Period")).toHaveValue("365");
  await dashboard.expectLoaded();
  const itemRevenue = await dashboard.kpiValues().first().textContent();

  // The URL alone restores the view: a reload (or a colleague opening the link) sees the same item.
  await page.reload();
  await dashboard.expectLoaded();
  await expect(dashboard.kpiValues().first()).toHaveText(itemRevenue ?? "");
  await expect(dashboard.breadcrumb().locator('[aria-current="page"]')).toHaveText(itemName);

  // Every table downloads as CSV with its columns.
  const download = page.waitForEvent("download");
  await dashboard.table("By category").getByRole("button", { name: /CSV/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^sales-by-category_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await file.path())!, "utf8").split(/\r?\n/);
  expect(csv[0]).toBe("Category,Units,Revenue,Gross margin,vs previous,Margin %");
  expect(csv[1]).toContain(categoryName);

  // Up the breadcrumb to the tenant: the store and category go, the period stays.
  await dashboard.breadcrumb().getByRole("link", { name: "Acme Grocers" }).click();
  await expect(page).toHaveURL(/dashboard\?period=365$/);
  await expect(dashboard.breakdownRows("By store")).not.toHaveCount(1);
  await expect(page.getByTestId("breakdown").filter({ hasText: "Top movers up" })).toBeVisible();
  expect(errors).toEqual([]);
});
