import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";

const TENANT = "acme-grocers";

/** The "Target" input of the selected line's recommendation, as the Inventory page shows it. */
async function selectedTarget(page: Page) {
  await page.goto(`/t/${TENANT}/inventory`);
  await expect(page.getByTestId("projection-title")).toBeVisible({ timeout: 90_000 });
  return page.locator("dl div").filter({ hasText: /^Target/ }).locator("dd");
}

test("an admin's service-level change shows in the recommendations; everyone else sees the settings read-only", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await new SignInPage(page).signIn("admin@acme.test");
  await page.waitForURL(`**/t/${TENANT}/**`);

  await expect(await selectedTarget(page)).toContainText("95% cycle service level");
  await expect(page.getByTestId("lost-sales-incurred")).toContainText("$");
  await page.getByRole("link", { name: "Service levels and costs" }).click();

  const target = page.getByLabel("Target (%)", { exact: true });
  await expect(target).toHaveValue("95");
  await target.fill("99");
  await page.getByLabel("Expedited delivery (days)").fill("1");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("recomputed", { timeout: 60_000 });

  await expect(await selectedTarget(page)).toContainText("99% cycle service level");
  await page.goto(`/t/${TENANT}/admin`);
  await expect(page.getByRole("cell", { name: "inventory.settings_updated" }).first()).toBeVisible();

  // An analyst sees the same numbers and cannot change them.
  const context = await browser.newContext();
  const analyst = await context.newPage();
  await new SignInPage(analyst).signIn("analyst@acme.test");
  await analyst.waitForURL(`**/t/${TENANT}/**`);
  await analyst.goto(`/t/${TENANT}/inventory/settings`);
  await expect(analyst.getByText("shown read-only")).toBeVisible();
  await expect(analyst.getByLabel("Target (%)", { exact: true })).toHaveValue("99");
  await expect(analyst.getByLabel("Target (%)", { exact: true })).toBeDisabled();
  await expect(analyst.getByRole("button", { name: "Save settings" })).toHaveCount(0);
  // Overrides are scored only once the days they cover have sold: none has been made here.
  await analyst.goto(`/t/${TENANT}/actions`);
  await expect(analyst.getByTestId("fva")).toContainText("nothing to score yet");
  await context.close();

  // Back to the demo's own target, so the other specs see the seeded settings.
  await page.goto(`/t/${TENANT}/inventory/settings`);
  await page.getByLabel("Target (%)", { exact: true }).fill("95");
  await page.getByLabel("Expedited delivery (days)").fill("2");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("recomputed", { timeout: 60_000 });
  await expect(await selectedTarget(page)).toContainText("95% cycle service level");
});
