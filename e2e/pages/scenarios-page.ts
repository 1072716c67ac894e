import { expect } from "@playwright/test";
import type { Page } from "@playwright/test";

export class ScenariosPage {
  constructor(private readonly page: Page) {}

  async goto(slug: string) {
    await this.page.goto(`/t/${slug}/scenarios`);
    await expect(this.page.getByRole("heading", { name: "What-if scenarios" })).toBeVisible();
    // The horizon has loaded once the date inputs hold the first forecast day.
    await expect(this.page.getByLabel("From", { exact: true })).not.toHaveValue("", { timeout: 60_000 });
  }

  /** Fills the form (the first category, all stores, the first week) with a price change in % and saves it. */
  async save(name: string, percent: number) {
    await this.page.getByLabel("Name", { exact: true }).fill(name);
    await this.page.getByLabel("Price change", { exact: true }).selectOption("percent");
    await this.page.getByLabel("Percent", { exact: true }).fill(String(percent));
    await this.page.getByRole("button", { name: "Save scenario" }).click();
    await expect(this.page.getByRole("status")).toContainText(`Saved "${name}"`, { timeout: 60_000 });
  }

  result() {
    return this.page.getByTestId("scenario-result");
  }

  saved() {
    return this.page.getByTestId("saved-scenarios");
  }

  comparison() {
    return this.page.getByTestId("scenario-comparison");
  }
}
