import { expect, test } from "@playwright/test";
import { collectPageErrors } from "./pages/page-errors";
import { createApiKey, signUpWorkspace } from "./pages/workspace";

const DAYS = 56;
const day = (i: number) => new Date(Date.UTC(2026, 0, 4 + i)).toISOString().slice(0, 10);

test("a spike posted through the REST API reaches the open dashboard as a toast within seconds, and the Alerts list", async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectPageErrors(page);
  const { slug } = await signUpWorkspace(page, "alerts");
  const key = await createApiKey(page, slug);
  const auth = { authorization: `Bearer ${key}` };
  const importCsv = async (source: string, csv: string) => {
    const res = await page.request.post(`/api/v1/import/${source}`, { headers: { ...auth, "content-type": "text/csv" }, data: csv });
    expect(res.status(), await res.text()).toBe(200);
  };
  // Eight weeks of 10–12 units a day: the history the spike stands out against.
  await importCsv("stores", "store_id,name\nS1,Harbour\n");
  await importCsv("catalog", "item_id,name,category,unit_cost,base_price\nI1,Oat milk,Dairy,0.90,1.80\n");
  await importCsv("sales", `date,store_id,item_id,units\n${Array.from({ length: DAYS }, (_, i) => `${day(i)},S1,I1,${10 + (i % 3)}`).join("\n")}\n`);

  await page.goto(`/t/${slug}/dashboard`);
  await expect(page.getByTestId("live-alerts")).toBeAttached();
  // Give the EventSource a moment to connect before the batch goes in.
  await page.waitForTimeout(1000);
  const ingest = await page.request.post("/api/v1/ingest/sales", { headers: auth, data: { events: [{ eventId: "spike-1", date: day(DAYS), storeId: "S1", itemId: "I1", units: 60 }] } });
  expect(ingest.status()).toBe(200);
  expect(((await ingest.json()) as { data: { alertsRaised: number } }).data.alertsRaised).toBe(1);

  const toast = page.getByTestId("alert-toast");
  await expect(toast).toBeVisible({ timeout: 5000 });
  await expect(toast).toContainText("Sales spike");
  await expect(toast).toContainText("Sold 60 units against a typical day of 11");

  await toast.getByRole("link", { name: "All alerts" }).click();
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
  const row = page.getByTestId("alert").first();
  await expect(row.getByTestId("alert-reason")).toContainText("Sold 60 units");
  await row.getByRole("button", { name: /^Acknowledge/ }).click();
  await expect(page.getByText("No alerts here.")).toBeVisible();
  await page.getByLabel("Status").selectOption("acknowledged");
  await expect(page.getByTestId("alert")).toHaveCount(1);

  const listed = await page.request.get("/api/v1/alerts?status=acknowledged", { headers: auth });
  expect(((await listed.json()) as { data: { alerts: { kind: string; storeId: string; itemId: string }[] } }).data.alerts).toEqual([expect.objectContaining({ kind: "spike", storeId: "S1", itemId: "I1" })]);
  expect(errors).toEqual([]);
});
