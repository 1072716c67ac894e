import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";

const TENANT = "acme-grocers";

class AssistantPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto(`/t/${TENANT}/assistant`);
    await expect(this.page.getByTestId("assistant-provider")).toBeVisible();
  }

  async ask(question: string) {
    await this.page.getByLabel("Your question").fill(question);
    await this.page.getByRole("button", { name: "Ask", exact: true }).click();
  }

  answers() {
    return this.page.getByTestId("message-assistant");
  }
}

test("a forecast question streams an answer with its chart and step; an approved action is audited; the conversation survives a reload", async ({ page }) => {
  test.setTimeout(180_000);
  await new SignInPage(page).signIn("admin@acme.test");
  await page.waitForURL(`**/t/${TENANT}/**`);
  const chat = new AssistantPage(page);
  await chat.goto();
  await expect(page.getByTestId("assistant-provider")).toHaveText("Offline planner (built in)");

  await chat.ask("How much oat milk will Acme Downtown sell next week?");
  const answer = chat.answers().first();
  await expect(answer).toContainText("units (P50)", { timeout: 60_000 });
  await expect(answer.getByTestId("tool-step")).toContainText("forecastDemand");
  await expect(answer.getByTestId("forecast-chart")).toBeVisible();
  await answer.getByText("Step:").first().click();
  await expect(answer.getByLabel("forecastDemand input and output")).toContainText('"itemId"');

  await chat.ask("accept the top action");
  await expect(page.getByRole("button", { name: "Approve" })).toBeVisible({ timeout: 60_000 });
  const pending = await chat.answers().nth(1).getByLabel("decideAction input and output").textContent({ timeout: 5_000 });
  const actionId = /"actionId": "([0-9a-f-]{36})"/.exec(pending ?? "")?.[1];
  expect(actionId).toBeDefined();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(chat.answers().nth(1)).toContainText("the action is now accepted", { timeout: 60_000 });

  await page.reload();
  await expect(chat.answers()).toHaveCount(2);
  await expect(chat.answers().nth(1)).toContainText("the action is now accepted");

  await page.goto(`/t/${TENANT}/admin`);
  const audit = page.getByTestId("audit-table");
  await expect(audit.getByRole("row").filter({ hasText: actionId! })).toContainText("action.accepted", { timeout: 30_000 });
});
