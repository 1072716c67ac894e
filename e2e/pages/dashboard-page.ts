import { expect } from "@playwright/test";
import type { Page } from "@playwright/test";

export class DashboardPage {
  constructor(private readonly page: Page) {}

  brand() {
    return this.page.getByTestId("tenant-brand");
  }

  kpiValues() {
    return this.page.getByTestId("kpi-value");
  }

  /** The rows of the "By store" or "By category" table. */
  breakdownRows(title: "By store" | "By category") {
    return this.page.getByTestId("breakdown").filter({ hasText: title }).locator("tbody tr");
  }

  /** Waits until the KPI cards show numbers and the chart has drawn its series. */
  async expectLoaded() {
    await expect(this.page).toHaveURL(/\/t\/[^/]+\/dashboard$/);
    await expect(this.kpiValues()).toHaveCount(4);
    await expect(this.page.getByTestId("sales-chart").locator("svg.recharts-surface path.recharts-area-area").first()).toBeVisible();
  }
}
