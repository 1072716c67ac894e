import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { signUpWorkspace } from "./pages/workspace";

/** The Data page's upload wizard, as a member uses it. */
class DataPage {
  constructor(private readonly page: Page) {}

  async goto(slug: string) {
    await this.page.goto(`/t/${slug}/data`);
    await expect(this.page.getByRole("heading", { name: "Data", level: 1 })).toBeVisible();
  }

  /** Picks the source and a file, then runs the check (a dry run). */
  async check(source: string, name: string, csv: string) {
    await this.page.getByLabel("Source").selectOption({ label: source });
    await this.page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(csv) });
    await expect(this.page.getByRole("region", { name: "Column mapping" })).toContainText(name);
    await this.page.getByRole("button", { name: "Check file" }).click();
    await expect(this.page.getByRole("region", { name: "Check result" })).toBeVisible();
  }

  result() {
    return this.page.getByRole("region", { name: /Check result|Import result/ });
  }
}

test("a new workspace imports its stores, catalog and sales through the wizard, with line-level errors, and its dashboard fills", async ({ page }) => {
  test.setTimeout(120_000);
  const { slug } = await signUpWorkspace(page, "import");
  await expect(page.getByRole("link", { name: "Import your history on the Data page" })).toBeVisible();
  await page.getByRole("link", { name: "Import your history on the Data page" }).click();
  const data = new DataPage(page);
  await expect(page.getByRole("heading", { name: "First steps" })).toBeVisible();
  await expect(page.getByText("No imports yet.")).toBeVisible();

  await data.check("Stores", "stores.csv", "store_id,name,city\nS1,Main street,Leeds\nS2,Harbour,Hull\n");
  await expect(data.result()).toContainText("Checked: nothing stored yet");
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByRole("region", { name: "Import result" })).toContainText("Imported");

  await data.check("Catalog (items)", "catalog.csv", "item_id,name,category,unit_cost,base_price\nI1,Oat milk,Dairy,0.90,1.80\nI2,Rye bread,Bakery,1.10,2.40\n");
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByRole("region", { name: "Import result" })).toContainText("Imported");

  // A German-style export: semicolons, day-first dates, decimal commas, one bad row.
  const sales = "Datum;store_id;item_id;units;price\n01.03.2026;S1;I1;4;1,80\n02.03.2026;S1;I1;five;1,80\n02.03.2026;S2;I2;3;2,40\n";
  await page.getByLabel("Source").selectOption({ label: "Sales (daily, per store and item)" });
  await page.getByLabel("CSV file").setInputFiles({ name: "sales.csv", mimeType: "text/csv", buffer: Buffer.from(sales) });
  await expect(page.getByText("Map a column to date")).toBeVisible();
  await page.getByLabel("Field for column Datum").selectOption("date");
  await page.getByRole("button", { name: "Check file" }).click();
  const result = data.result();
  await expect(result).toContainText("1 rejected row");
  const bad = result.getByRole("row").filter({ hasText: "five" });
  await expect(bad).toContainText("3");
  await expect(bad).toContainText("units");
  await expect(bad).toContainText("is not a whole number");
  await expect(result).toContainText("dates DD.MM.YYYY");
  // The wizard in full (mapping table, result, rejected rows) meets WCAG 2 AA too, not only its empty
  // state. The page's own content: the shared sidebar is checked by accessibility.spec.ts (whose
  // demo brands pass; the sign-up default brand's active nav link reads 4.48:1, reported apart).
  // The pointer leaves the button it clicked: a hover shade is not what the page shows at rest.
  await page.mouse.move(0, 0);
  const axe = await new AxeBuilder({ page }).include("main").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} (${n.failureSummary})`).join(", ")}`)).toEqual([]);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download rejected rows (CSV)" }).click();
  expect((await download).suggestedFilename()).toBe("rejected-rows-sales.csv");
  await page.getByRole("button", { name: "Import the 2 valid rows, skip 1" }).click();
  await expect(page.getByRole("region", { name: "Import result" })).toContainText("Imported");

  const history = page.getByRole("table").filter({ hasText: "Rows/s" });
  // Each import and each check: stores, catalog and sales, newest first.
  await expect(history.getByRole("row")).toHaveCount(1 + 6);
  await expect(history.getByRole("row").nth(1)).toContainText("sales");
  await expect(history.getByRole("row").nth(1)).toContainText("imported");
  await expect(history.getByRole("row").nth(2)).toContainText("checked");
  await expect(page.getByText("2026-03-01 → 2026-03-02")).toBeVisible();

  await page.goto(`/t/${slug}/dashboard`);
  await expect(page.getByText("No sales yet")).toHaveCount(0);
});

test("a viewer sees the history but cannot import", async ({ page }) => {
  await new SignInPage(page).signIn("viewer@acme.test");
  await page.waitForURL("**/t/acme-grocers/**");
  const data = new DataPage(page);
  await data.goto("acme-grocers");
  await expect(page.getByText("Importing needs the analyst role or higher; you are viewer.")).toBeVisible();
  await expect(page.getByLabel("CSV file")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Import history" })).toBeVisible();
  const refused = await page.request.post("/api/import/acme-grocers/sales", { headers: { "content-type": "text/csv" }, data: "date,store_id,item_id,units\n" });
  expect(refused.status()).toBe(403);
});
