import { expect } from "@playwright/test";
import type { Page } from "@playwright/test";

export type Workspace = { slug: string; email: string; password: string };

/**
 * Signs up a workspace of its own for a spec that needs a dedicated user (whose request budget and
 * sign-in counters no other spec shares) and leaves `page` signed in as its owner.
 */
export async function signUpWorkspace(page: Page, tag: string): Promise<Workspace> {
  const unique = `${tag}-${Date.now().toString(36)}`;
  const workspace = { slug: `ws-${unique}`, email: `${unique}@example.com`, password: "a-long-password" };
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(`Probe ${tag}`);
  await page.getByLabel("Organisation").fill(`WS ${unique}`);
  await page.getByLabel("Work email").fill(workspace.email);
  await page.getByLabel("Password").fill(workspace.password);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${workspace.slug}/dashboard$`));
  return workspace;
}

/** A write API key of the signed-in owner's workspace, created the way the admin page does. */
export async function createApiKey(page: Page, slug: string): Promise<string> {
  const response = await page.request.post("/api/trpc/admin.createApiKey", {
    headers: { "x-tenant": slug, "content-type": "application/json" },
    data: { json: { name: "e2e probe", scope: "write" } },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { result: { data: { json: { key: string } } } }).result.data.json.key;
}
