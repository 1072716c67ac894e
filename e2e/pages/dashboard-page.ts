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

  /** The rows of a dashboard table, by its title ("By store", "By category", "Items of …"). */
  breakdownRows(title: string) {
    return this.table(title).locator("tbody tr");
  }

  table(title: string) {
    return this.page.getByTestId("breakdown").filter({ has: this.page.getByText(title, { exact: title.startsWith("By") }) });
  }

  breadcrumb() {
    return this.page.getByRole("navigation", { name: "Breadcrumb" });
  }

  /** Waits until the KPI cards show numbers and the chart has drawn its series. */
  async expectLoaded() {
    await expect(this.page).toHaveURL(/\/t\/[^/]+\/dashboard(\?.*)?$/);
    await expect(this.kpiValues()).toHaveCount(4);
    await expect(this.page.getByTestId("sales-chart").locator("svg.recharts-surface path.recharts-area-area").first()).toBeVisible();
  }
}
