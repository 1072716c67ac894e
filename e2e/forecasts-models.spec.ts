import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";

const TENANT = "acme-grocers";

async function signInAs(page: Page, email: string) {
  await new SignInPage(page).signIn(email);
  await expect(page).toHaveURL(/\/t\/[^/]+\/dashboard$/);
}

class ForecastsPage {
  constructor(private readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/t/${TENANT}/forecasts${query}`);
  }

  chart() {
    return this.page.getByTestId("forecast-chart");
  }

  seriesTitle() {
    return this.page.getByTestId("series-title");
  }

  backtest() {
    return this.page.getByTestId("backtest-metrics");
  }

  /** Waits for the chart's P10–P90 band (an svg path) and its three lines: actual units, the mean (the point forecast) and the median. */
  async expectChartDrawn() {
    await expect(this.chart().locator("svg.recharts-surface path.recharts-area-area").first()).toBeVisible();
    await expect(this.chart().locator("path.recharts-line-curve")).toHaveCount(3);
    for (const name of ["Mean — point forecast", "P50 (median)", "P10–P90 band"]) await expect(this.chart().getByText(name, { exact: true })).toBeVisible();
  }

  async searchAndPickItem(text: string) {
    await this.page.getByRole("combobox", { name: "Item" }).fill(text);
    await this.page.getByRole("listbox", { name: "Items" }).getByRole("option").first().click();
  }
}

test("an analyst opens Forecasts on a best seller with the band, the forecast days and the backtest", async ({ page }) => {
  await signInAs(page, "analyst@acme.test");
  const forecasts = new ForecastsPage(page);
  await forecasts.goto();
  await forecasts.expectChartDrawn();
  await expect(page.getByTestId("no-model")).toHaveCount(0);
  await expect(page.getByTestId("forecast-days").locator("tbody tr")).not.toHaveCount(0);
  await expect(page.getByTestId("forecast-days").getByRole("columnheader", { name: "Mean (point)" })).toBeVisible();

  const backtest = forecasts.backtest();
  await expect(backtest.locator("tbody tr[aria-current=true]")).toContainText("Foresight model");
  for (const baseline of ["Seasonal naive", "28-day moving average", "Holt-Winters", "Croston", "TSB"]) await expect(backtest).toContainText(baseline);
  await expect(backtest.getByLabel("best in column").first()).toBeVisible();
});

test("the chosen store and item live in the URL, so a reload (or a shared link) shows the same series", async ({ page }) => {
  await signInAs(page, "analyst@acme.test");
  const forecasts = new ForecastsPage(page);
  await forecasts.goto();
  await forecasts.expectChartDrawn();
  const first = await forecasts.seriesTitle().textContent();

  // Another store than the default series' one, whichever that is.
  const store = page.getByLabel("Store");
  const current = await store.inputValue();
  const other = await store.locator("option").evaluateAll((options, value) => options.map((o) => (o as HTMLOptionElement).value).find((v) => v !== value), current);
  await store.selectOption(other!);
  await forecasts.searchAndPickItem("a");
  await expect(page).toHaveURL(/store=[^&]+&item=[^&]+/);
  await expect(forecasts.seriesTitle()).not.toHaveText(first ?? "");
  const chosen = await forecasts.seriesTitle().textContent();

  await page.reload();
  await expect(forecasts.seriesTitle()).toHaveText(chosen ?? "");
  await forecasts.expectChartDrawn();
});

test("an unknown store or item in the URL says so instead of failing", async ({ page }) => {
  await signInAs(page, "viewer@acme.test");
  await new ForecastsPage(page).goto("?store=no-such-store&item=no-such-item");
  await expect(page.getByText(/does not exist in this workspace/)).toBeVisible();
  await page.getByRole("button", { name: "Show the default series" }).click();
  await new ForecastsPage(page).expectChartDrawn();
});

test("an admin sees the production version on Models with promote, rollback and retrain controls", async ({ page }) => {
  await signInAs(page, "admin@acme.test");
  await page.goto(`/t/${TENANT}/models`);
  const versions = page.getByTestId("model-versions");
  await expect(versions.locator('tr[data-status="production"]')).toHaveCount(1);
  await expect(versions.locator('tr[data-status="production"]')).toContainText("production");
  await expect(page.getByRole("button", { name: "Retrain" })).toBeEnabled();
  await expect(page.getByRole("button", { name: /Roll back/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Recent training runs" })).toBeVisible();
});

test("a viewer sees the model tables without the admin buttons", async ({ page }) => {
  await signInAs(page, "viewer@acme.test");
  await page.goto(`/t/${TENANT}/models`);
  await expect(page.getByTestId("model-versions").locator('tr[data-status="production"]')).toHaveCount(1);
  await expect(page.getByRole("button", { name: /Retrain|Roll back|Promote/ })).toHaveCount(0);
});
