import { expect, test } from "@playwright/test";
import { collectPageErrors } from "./pages/page-errors";
import { SignInPage } from "./pages/sign-in-page";

const EVIL_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="document.title='pwned'"><script>document.title='pwned'</script><rect width="10" height="10" fill="#d9480f"/></svg>`;

test("an admin's branding change and logo upload show in the shell; the stored SVG has no script", async ({ page }) => {
  const errors = collectPageErrors(page);
  await new SignInPage(page).signIn("admin@acme.test");
  await page.waitForURL("**/t/acme-grocers/**");
  await page.goto("/t/acme-grocers/admin");
  const brand = page.getByTestId("tenant-brand");
  const original = (await brand.textContent()) ?? "";
  const name = page.getByLabel("Display name");
  await name.fill("Acme Fresh Market");
  await page.getByLabel("Primary colour").fill("#ffe066");
  await expect(page.getByTestId("contrast-warning").first()).toContainText("below the 4.5:1");
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(brand).toHaveText("Acme Fresh Market");
  const cssBrand = await brand.evaluate((el) => getComputedStyle(el).getPropertyValue("--color-brand").trim());
  expect(cssBrand.toLowerCase()).toBe("#ffe066");

  await page.getByLabel(/Logo \(PNG or SVG/).setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from(EVIL_SVG) });
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Logo saved" })).toContainText("<script> element");
  const logo = page.locator("aside img").first();
  await expect(logo).toHaveAttribute("src", /\/api\/tenant-logo\/acme-grocers\?v=[0-9a-f]{16}/);
  const served = await page.request.get((await logo.getAttribute("src"))!);
  expect(served.headers()["content-type"]).toBe("image/svg+xml");
  const body = await served.text();
  expect(body).toContain('fill="#d9480f"');
  expect(body).not.toMatch(/script|onload/);

  await page.getByLabel(/Logo \(PNG or SVG/).setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from(EVIL_SVG) });
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "labelled image/png" })).toBeVisible();

  // Put the demo brand back for the other specs.
  await name.fill(original);
  await page.getByLabel("Primary colour").fill("#1f7a3f");
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(brand).toHaveText(original);
  expect(await page.title()).not.toBe("pwned");
  // The refused upload's 400 is logged by the browser as a failed resource; nothing else may be.
  expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
});

test("an admin invites by link; the invitee creates an account and lands in the workspace", async ({ page, browser }) => {
  await new SignInPage(page).signIn("admin@acme.test");
  await page.waitForURL("**/t/acme-grocers/**");
  await page.goto("/t/acme-grocers/admin");
  const email = `new.analyst.${Date.now()}@example.com`;
  await page.getByLabel("Email to invite").fill(email);
  await page.getByLabel("Role for the invitation").selectOption("analyst");
  await page.getByRole("button", { name: "Invite" }).click();
  const link = (await page.locator("code").filter({ hasText: "/invite/" }).textContent()) ?? "";
  expect(link).toMatch(/\/invite\/[\w-]{20,}$/);

  const invitee = await browser.newContext();
  const tab = await invitee.newPage();
  await tab.goto(link);
  await tab.getByLabel("Your name").fill("New Analyst");
  await tab.getByLabel("Choose a password").fill("a long enough passphrase");
  await tab.getByRole("button", { name: "Accept invitation" }).click();
  await tab.waitForURL("**/t/acme-grocers/**");
  await expect(tab.getByTestId("tenant-brand")).toContainText("Acme");
  // The link was for one use.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await expect(again.getByText(/invalid, used or expired/)).toBeVisible();
  await invitee.close();
});
