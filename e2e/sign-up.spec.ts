import { expect, test } from "@playwright/test";
import { appAlert } from "./pages/sign-in-page";

test("sign-up creates a workspace and its owner, who lands on an honest empty dashboard", async ({ page }) => {
  const unique = Date.now().toString(36);
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Robin Example");
  await page.getByLabel("Organisation").fill(`Corner Shop ${unique}`);
  await page.getByLabel("Work email").fill(`robin-${unique}@example.com`);
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/corner-shop-${unique}/dashboard$`));
  await expect(page.getByTestId("tenant-brand")).toHaveText(`Corner Shop ${unique}`);
  await expect(page.getByText("No sales yet")).toBeVisible();
  await expect(page.getByTestId("user-menu")).toContainText("owner");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto(`/t/corner-shop-${unique}/dashboard`);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("sign-up names what is wrong with bad input", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("R");
  await page.getByLabel("Organisation").fill("Shop");
  await page.getByLabel("Work email").fill("owner@acme.test");
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(appAlert(page)).toContainText("already exists");
});
