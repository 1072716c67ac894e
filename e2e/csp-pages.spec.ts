import { expect, test } from "@playwright/test";
import { collectPageErrors } from "./pages/page-errors";
import { SignInPage } from "./pages/sign-in-page";

// Every page under the Content-Security-Policy: a blocked script, style or request shows up as a
// console error, so each page must load without one.
const TENANT_PAGES = ["dashboard", "actions", "alerts", "forecasts", "models", "admin", "data", "inventory", "inventory/settings", "pricing", "scenarios", "reports", "assistant"];

test("every page loads under the CSP without a console error", async ({ page }) => {
  // Thirteen page loads, each waiting for the network to settle: a loaded machine needs more than the default minute.
  test.setTimeout(240_000);
  const errors = collectPageErrors(page);
  for (const path of ["/sign-in", "/sign-up", "/invite/not-a-real-invitation-token"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  await new SignInPage(page).signIn("admin@acme.test");
  await expect(page).toHaveURL(/\/t\/acme-grocers\/dashboard$/);
  for (const name of TENANT_PAGES) {
    await page.goto(`/t/acme-grocers/${name}`);
    await page.waitForLoadState("networkidle");
  }
  // The dashboard's and the forecasts' recharts drawn, the admin tables filled: the pages really ran.
  await page.goto("/t/acme-grocers/dashboard");
  await expect(page.getByTestId("sales-chart").locator("svg.recharts-surface path.recharts-area-area").first()).toBeVisible();
  await page.goto("/t/acme-grocers/forecasts");
  // Actual units, the mean (point forecast) and the median.
  await expect(page.getByTestId("forecast-chart").locator("path.recharts-line-curve")).toHaveCount(3);
  expect(errors).toEqual([]);
});
