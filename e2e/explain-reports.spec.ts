import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";

const TENANT = "acme-grocers";

class WhyPage {
  constructor(private readonly page: Page) {}

  sentences() {
    return this.page.getByTestId("sentences");
  }

  waterfall() {
    return this.page.getByTestId("waterfall");
  }
}

test.describe("explanations and reports", () => {
  test.beforeEach(async ({ page }) => {
    await new SignInPage(page).signIn("owner@acme.test");
    await expect(page).toHaveURL(/\/t\/[^/]+\/dashboard$/);
  });

  test('"why?" from the forecasts page shows the waterfall and sentences, and the PDF report downloads', async ({ page }) => {
    await page.goto(`/t/${TENANT}/forecasts`);
    const firstWhy = page.getByTestId("forecast-days").getByRole("link", { name: /^Why .* units on/ }).first();
    await expect(firstWhy).toBeVisible();
    const label = (await firstWhy.getAttribute("aria-label"))!;
    await firstWhy.click();
    await expect(page).toHaveURL(/\/forecasts\/why\?store=.+&item=.+&date=\d{4}-\d{2}-\d{2}/);

    const why = new WhyPage(page);
    await expect(why.sentences().locator("p").first()).toContainText("units");
    // The forecast the link named is the one explained.
    const units = /^Why (.*) units on/.exec(label)![1]!;
    await expect(why.sentences()).toContainText(`${units} units`);
    await expect(why.waterfall().locator("rect")).not.toHaveCount(0);
    await expect(page.getByTestId("counterfactuals")).toBeVisible();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-report").click()]);
    const file = await download.path();
    const { readFile } = await import("node:fs/promises");
    const bytes = await readFile(file);
    expect(bytes.byteLength).toBeGreaterThan(10_000);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const response = await page.request.get((await page.getByTestId("download-report").getAttribute("href"))!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
  });

  test("the item page shows the waterfall and sentences, links to why?, and its PDF downloads; unknown ids are 404", async ({ page }) => {
    await page.goto(`/t/${TENANT}/forecasts`);
    await page.getByTestId("series-title").getByRole("link").first().click();
    await expect(page).toHaveURL(/\/items\/[^/?]+\?store=/);
    await expect(page.getByTestId("item-title")).toBeVisible();
    const itemPath = new URL(page.url()).pathname;
    const why = new WhyPage(page);
    await expect(why.sentences().locator("p").first()).toContainText("units");
    await expect(why.waterfall().locator("rect")).not.toHaveCount(0);
    await expect(page.getByTestId("inventory-position")).toBeVisible();

    const response = await page.request.get((await page.getByTestId("download-report").getAttribute("href"))!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");

    await page.getByTestId("why-link").click();
    await expect(page).toHaveURL(/\/forecasts\/why\?store=.+&item=.+&date=\d{4}-\d{2}-\d{2}&days=7/);
    await expect(why.sentences()).toBeVisible();

    // The store page explains a category there; its category report downloads as a PDF.
    await page.goto(`/t/${TENANT}/forecasts`);
    await page.getByTestId("series-title").getByRole("link").nth(1).click();
    await expect(page.getByTestId("store-title")).toBeVisible();
    await expect(why.sentences().locator("p").first()).toContainText("units");
    const category = await page.request.get((await page.getByTestId("download-report").getAttribute("href"))!);
    expect(category.headers()["content-type"]).toBe("application/pdf");

    // N01 is a Northwind store: another tenant's id is as unknown as a made-up one.
    for (const path of [`/t/${TENANT}/items/no-such-item`, `/t/${TENANT}/stores/no-such-store`, `/t/${TENANT}/stores/N01`, `${itemPath}?store=N01`]) {
      const missing = await page.goto(path);
      expect(missing?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    }
  });

  test("the Reports page generates an executive summary and lists it for download again", async ({ page }) => {
    await page.goto(`/t/${TENANT}/reports`);
    const form = page.getByTestId("executive-report-form");
    const [download] = await Promise.all([page.waitForEvent("download"), form.getByRole("button", { name: "Download PDF" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^acme-grocers-executive-summary-.*\.pdf$/);
    // The category report: a category summed across every store.
    const category = page.getByTestId("category-report-form");
    const [categoryPdf] = await Promise.all([page.waitForEvent("download"), category.getByRole("button", { name: "Download PDF" }).click()]);
    expect(categoryPdf.suggestedFilename()).toMatch(/^acme-grocers-forecast-.+-all-stores\.pdf$/);
    await page.goto(`/t/${TENANT}/reports`);
    const again = page.getByTestId("reports-table").getByRole("link", { name: /^PDF/ }).first();
    const response = await page.request.get((await again.getAttribute("href"))!);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect((await response.body()).byteLength).toBeGreaterThan(10_000);
    // A bad parameter is a JSON error, not a blank PDF.
    const bad = await page.request.get(`/api/reports/${TENANT}/forecast?store=nope&item=nope`);
    expect(bad.status()).toBe(404);
    expect(await bad.json()).toMatchObject({ error: { code: "not_found:store" } });
  });
});
