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
