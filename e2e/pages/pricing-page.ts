import { expect } from "@playwright/test";
import type { Page } from "@playwright/test";

export class PricingPage {
  constructor(private readonly page: Page) {}

  async goto(slug: string, query = "") {
    await this.page.goto(`/t/${slug}/pricing${query}`);
  }

  chart() {
    return this.page.getByTestId("price-chart");
  }

  recommendation() {
    return this.page.getByTestId("price-recommendation");
  }

  markdownLadder() {
    return this.page.getByTestId("markdown-ladder");
  }

  /** Plans a markdown for the selected item × store with this stock and sell-by date. */
  async planMarkdown(stock: number, sellBy: string) {
    await this.page.getByLabel("Stock on hand").fill(String(stock));
    await this.page.getByLabel("Sell-by date").fill(sellBy);
  }

  /** The profit band, the P50 line and the two marked points (current and recommended). */
  async expectCurveWithBothPoints() {
    await expect(this.chart().locator("path.recharts-area-area").first()).toBeVisible();
    await expect(this.chart().locator("path.recharts-line-curve")).toHaveCount(1);
    await expect(this.chart().locator(".recharts-reference-dot")).toHaveCount(2);
    await expect(this.chart().getByText("current", { exact: true })).toBeVisible();
    await expect(this.chart().getByText("recommended", { exact: true })).toBeVisible();
  }
}
