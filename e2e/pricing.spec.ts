import { expect, test } from "@playwright/test";
import { PricingPage } from "./pages/pricing-page";
import { SignInPage } from "./pages/sign-in-page";

test("an analyst sees the profit curve with the current and the recommended price", async ({ page }) => {
  await new SignInPage(page).signIn("analyst@acme.test");
  await expect(page).toHaveURL(/\/t\/[^/]+\/dashboard$/);
  const pricing = new PricingPage(page);
  await pricing.goto("acme-grocers");
  await expect(page.getByRole("heading", { name: "Pricing" })).toBeVisible();
  await pricing.expectCurveWithBothPoints();
  await expect(pricing.recommendation().getByTestId("recommended-price")).toHaveText(/^\d+\.(49|99)$/);
  await expect(pricing.recommendation()).toContainText("Elasticity");
});

test("the markdown panel shows the ladder week by week beside the fixed schedule", async ({ page }) => {
  await new SignInPage(page).signIn("analyst@acme.test");
  await expect(page).toHaveURL(/\/t\/[^/]+\/dashboard$/);
  const pricing = new PricingPage(page);
  await pricing.goto("acme-grocers");
  await expect(page.getByRole("heading", { name: "Markdown plan" })).toBeVisible();
  const sellBy = page.getByLabel("Sell-by date");
  await expect(sellBy).not.toHaveValue("");
  // Eight weeks from the default start: the ladder has one row a week.
  const start = new Date(Date.parse(`${await sellBy.inputValue()}T00:00:00Z`) - 83 * 86_400_000);
  await pricing.planMarkdown(400, new Date(start.getTime() + 55 * 86_400_000).toISOString().slice(0, 10));
  const ladder = pricing.markdownLadder();
  await expect(ladder.locator("tbody tr")).toHaveCount(8);
  await expect(ladder.locator("tbody tr").first()).toContainText(/\d+%/);
  await expect(page.getByTestId("markdown-chart").locator("path.recharts-line-curve")).toHaveCount(2);
  await expect(page.getByTestId("markdown-outcomes")).toContainText("Fixed −30%/−50%");
  await expect(page.getByText(/400 units \(as entered\)/)).toBeVisible();
});
