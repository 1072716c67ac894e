import { expect, test } from "@playwright/test";
import { wcagViolations } from "./pages/axe";
import { collectPageErrors } from "./pages/page-errors";
import { ScenariosPage } from "./pages/scenarios-page";
import { SignInPage } from "./pages/sign-in-page";

test("an analyst saves two what-ifs, sees baseline vs scenario with intervals, and compares them side by side", async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectPageErrors(page);
  await new SignInPage(page).signIn("analyst@acme.test");
  await expect(page).toHaveURL(/\/t\/[^/]+\/dashboard$/);
  await page.getByRole("link", { name: "Scenarios" }).first().click();
  const scenarios = new ScenariosPage(page);
  await scenarios.goto("acme-grocers");
  // Names unique per run: the e2e database may be reused.
  const run = Date.now().toString(36);
  const cut = `Cut 10% ${run}`;
  const rise = `Rise 5% ${run}`;

  await scenarios.save(cut, -10);
  await expect(scenarios.result()).toContainText("Units");
  await expect(scenarios.result()).toContainText("Margin");
  await expect(scenarios.result()).toContainText("Stock-out days");
  await expect(scenarios.result().getByTestId("change-units")).toHaveText(/^\+/);
  await expect(scenarios.result().getByTestId("scenario-chart").locator("path.recharts-line-curve")).toHaveCount(2);
  await expect(scenarios.result()).toContainText(/Computed against model v\d+/);

  await scenarios.save(rise, 5);
  await expect(scenarios.saved()).toContainText(cut);
  await expect(scenarios.saved()).toContainText(rise);
  const comparison = scenarios.comparison();
  await expect(comparison).toBeVisible();
  await expect(comparison.getByRole("columnheader", { name: new RegExp(cut) })).toBeVisible();
  await expect(comparison.getByRole("columnheader", { name: new RegExp(rise) })).toBeVisible();
  await expect(comparison).toContainText("vs baseline");
  // The page with a result, the saved list and the comparison filled passes axe.
  expect(await wcagViolations(page)).toEqual([]);

  // Saved means saved: a reload lists both.
  await page.reload();
  await expect(scenarios.saved()).toContainText(cut, { timeout: 60_000 });
  await expect(scenarios.saved()).toContainText(rise);
  expect(errors).toEqual([]);
});
