import { expect, test } from "@playwright/test";
import { collectPageErrors } from "./pages/page-errors";
import { SignInPage } from "./pages/sign-in-page";

test("local billing mode: the owner sees usage against limits and changes the plan; the new limits show at once", async ({ page }) => {
  const errors = collectPageErrors(page);
  await new SignInPage(page).signIn("owner@northwind.test");
  await page.waitForURL("**/t/northwind-fashion/**");
  await page.goto("/t/northwind-fashion/admin/billing");
  await expect(page.getByTestId("billing-mode")).toContainText("Stripe is not configured");
  await expect(page.getByTestId("current-plan")).toHaveText("Enterprise");
  await expect(page.getByRole("meter", { name: "members (seats)" })).toHaveAttribute("aria-valuemax", "500");
  // The demo models' forecasts were stored at start-up: a metered prediction batch.
  await expect(page.getByText(/prediction batches/i).first()).toBeVisible();

  await page.getByRole("button", { name: "Switch to Pro" }).click();
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await expect(page.getByRole("meter", { name: "members (seats)" })).toHaveAttribute("aria-valuemax", "25");
  await expect(page.getByTestId("invoice-estimate")).toHaveText("$499.00");

  await page.getByRole("button", { name: "Switch to Enterprise" }).click();
  await expect(page.getByTestId("current-plan")).toHaveText("Enterprise");
  expect(errors).toEqual([]);
});

test("an admin sees billing but cannot change the plan", async ({ page }) => {
  await new SignInPage(page).signIn("admin@acme.test");
  await page.waitForURL("**/t/acme-grocers/**");
  await page.goto("/t/acme-grocers/admin/billing");
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await expect(page.getByText("Only owners change the plan.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Switch to/ })).toHaveCount(0);
});
