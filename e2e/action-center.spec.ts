import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import Papa from "papaparse";
import { SignInPage } from "./pages/sign-in-page";

const TENANT = "acme-grocers";

class ActionCenterPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto(`/t/${TENANT}/actions`);
    await expect(this.actions().first()).toBeVisible({ timeout: 60_000 });
  }

  actions() {
    return this.page.getByTestId("action");
  }

  /** The values as numbers, in the order shown. */
  async values(): Promise<number[]> {
    const texts = await this.page.getByTestId("action-value").allTextContents();
    return texts.map((t) => Number(t.replace(/[^0-9.-]/g, "")));
  }
}

test("the action center ranks actions by money; accepting one audits it, drafts the order and removes it from the list", async ({ page }) => {
  test.setTimeout(120_000);
  await new SignInPage(page).signIn("admin@acme.test");
  await page.waitForURL(`**/t/${TENANT}/**`);
  const center = new ActionCenterPage(page);
  await center.goto();

  const values = await center.values();
  expect(values.length).toBeGreaterThan(0);
  expect(values).toEqual([...values].sort((a, b) => b - a));
  await expect(page.getByTestId("action-value").first()).toContainText("$");

  const reorder = center.actions().filter({ hasText: "Reorder" }).first();
  const id = await reorder.getAttribute("data-action-id");
  const title = (await reorder.getByTestId("action-title").textContent()) ?? "";
  await reorder.getByRole("button", { name: `Accept: ${title}` }).click();
  await expect(page.locator(`[data-action-id="${id}"]`)).toHaveCount(0);
  await expect(page.getByTestId("draft-line").first()).toBeVisible();

  // After a reload (a fresh recomputation) it is still gone.
  await center.goto();
  await expect(page.locator(`[data-action-id="${id}"]`)).toHaveCount(0);

  await page.goto(`/t/${TENANT}/admin`);
  await expect(page.getByRole("cell", { name: "action.accepted" }).first()).toBeVisible();
});

test("the inventory page shows the projection chart, pages via the URL, and the CSV export holds every filtered line", async ({ page }) => {
  test.setTimeout(120_000);
  await new SignInPage(page).signIn("analyst@acme.test");
  await page.waitForURL(`**/t/${TENANT}/**`);
  await page.goto(`/t/${TENANT}/inventory`);
  const chart = page.getByTestId("projection-chart");
  await expect(chart.locator("path.recharts-area-area").first()).toBeVisible({ timeout: 60_000 });
  await expect(chart.locator("path.recharts-line-curve")).toHaveCount(2);
  await expect(chart.locator(".recharts-reference-line")).toHaveCount(1);

  const rows = page.getByTestId("recommendation-row");
  await expect(rows).toHaveCount(50);
  const firstItem = await rows.first().getByRole("button").textContent();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: /^Export all .* as CSV$/ }).click();
  const file = await (await download).path();
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, "utf8"), { header: true, skipEmptyLines: true });
  expect(parsed.data.length).toBeGreaterThan(50);
  expect(parsed.data[0]!.item_name).toBe(firstItem);

  await page.getByRole("button", { name: "Next" }).click();
  await page.waitForURL(/[?&]page=2/);
  await expect(page.getByTestId("recommendation-page")).toContainText("Page 2 of");
  await expect(rows.first().getByRole("button")).toHaveText(parsed.data[50]!.item_name!);
});
