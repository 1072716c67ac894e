import { expect, test } from "@playwright/test";
import type { Browser, Page } from "@playwright/test";
import config from "../playwright.config";
import { wcagViolations } from "./pages/axe";
import { collectPageErrors } from "./pages/page-errors";
import { DEMO_PASSWORD, SignInPage, appAlert } from "./pages/sign-in-page";

const port = new URL(config.use!.baseURL!).port;
const ACME_HOST = "acme-shop.test";
const NORTHWIND_HOST = "northwind-shop.test";
const origin = (host: string) => `http://${host}:${port}`;

// Both names lead to this machine, as DNS would lead them to the app (the host-resolver-rules).
test.use({
  launchOptions: {
    ...config.use!.launchOptions,
    args: [...(config.use!.launchOptions!.args ?? []), `--host-resolver-rules=MAP ${ACME_HOST} 127.0.0.1, MAP ${NORTHWIND_HOST} 127.0.0.1`],
  },
});

/** A 16×16 ICO holding one PNG, as a favicon upload. */
function tinyIco(png: Buffer): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(1, 4);
  header.writeUInt8(16, 6);
  header.writeUInt8(16, 7);
  header.writeUInt16LE(1, 10);
  header.writeUInt16LE(32, 12);
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18);
  return Buffer.concat([header, png]);
}
const PNG_1x1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

/** An admin sets the tenant's custom domain on the app's own host and verifies it (DNS skipped in e2e). */
async function setUpDomain(browser: Browser, email: string, slug: string, host: string, favicon: boolean) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(email);
  await page.waitForURL(`**/t/${slug}/**`);
  await page.goto(`/t/${slug}/admin`);
  await page.getByLabel("Custom domain").fill(host);
  await page.getByRole("button", { name: /Set domain|Replace domain/ }).click();
  const panel = page.getByTestId("custom-domain");
  await expect(panel).toContainText(`_foresight.${host} TXT "foresight-verify=`);
  await page.getByRole("button", { name: "Check DNS record" }).click();
  await expect(panel).toContainText("verified");
  if (favicon) {
    await page.getByLabel(/Favicon \(PNG, ICO or SVG/).setInputFiles({ name: "favicon.ico", mimeType: "image/x-icon", buffer: tinyIco(PNG_1x1) });
    await page.getByRole("button", { name: "Upload favicon" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Favicon saved" })).toBeVisible();
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", new RegExp(`/api/tenant-favicon/${slug}\\?v=[0-9a-f]{16}`));
  }
  await context.close();
}

async function signInOn(page: Page, host: string, email: string) {
  await page.goto(`${origin(host)}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.describe.configure({ mode: "serial" });

test("two custom domains show their own tenant's brand on sign-in, sign in there only, and never serve the other", async ({ browser }) => {
  test.setTimeout(240_000);
  await setUpDomain(browser, "admin@acme.test", "acme-grocers", ACME_HOST, true);
  await setUpDomain(browser, "owner@northwind.test", "northwind-fashion", NORTHWIND_HOST, false);

  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectPageErrors(page);

  // Each host's sign-in page in its own brand: name, colour, logo, favicon.
  for (const { host, slug, name, colour, favicon } of [
    { host: ACME_HOST, slug: "acme-grocers", name: "Acme Grocers", colour: "#1f7a3f", favicon: /\/api\/tenant-favicon\/acme-grocers\?v=/ },
    { host: NORTHWIND_HOST, slug: "northwind-fashion", name: "Northwind Fashion", colour: "#3a2e7a", favicon: /^\/icon\.svg$/ },
  ]) {
    await page.goto(`${origin(host)}/sign-in`);
    await expect(page.getByRole("heading", { name: `Sign in to ${name}` })).toBeVisible();
    await expect(page.getByTestId("auth-brand")).toHaveText(name);
    expect((await page.locator("main").evaluate((el) => getComputedStyle(el).getPropertyValue("--color-brand").trim())).toLowerCase()).toBe(colour);
    const logo = page.getByTestId("auth-brand").locator("img");
    await expect(logo).toHaveAttribute("src", new RegExp(`^/api/tenant-logo/${slug}`));
    // Fetched by the page (Playwright's own request client does not use the browser's host rules).
    expect(await page.evaluate(async (src) => (await fetch(src!)).status, await logo.getAttribute("src"))).toBe(200);
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", favicon);
    await expect(page.getByRole("link", { name: "Create a workspace" })).toHaveCount(0);
    expect(await wcagViolations(page), `${host}/sign-in`).toEqual([]);
  }
  // The other tenant's logo is not served on this host (the page is on Northwind's).
  expect(await page.evaluate(async () => (await fetch("/api/tenant-logo/acme-grocers")).status)).toBe(404);

  // Another tenant's member is refused on Acme's domain, with a message.
  await signInOn(page, ACME_HOST, "owner@northwind.test");
  await expect(appAlert(page)).toContainText("not a member of this workspace");

  // Acme's analyst signs in on Acme's domain and lands in Acme, on that host.
  await signInOn(page, ACME_HOST, "analyst@acme.test");
  await page.waitForURL(`${origin(ACME_HOST)}/t/acme-grocers/dashboard`);
  await expect(page.getByTestId("tenant-brand")).toHaveText("Acme Grocers");
  await page.goto(`${origin(ACME_HOST)}/`);
  await page.waitForURL(`${origin(ACME_HOST)}/t/acme-grocers/dashboard`);

  // The session of Acme's domain does not sign in on Northwind's: the cookie is the host's own,
  // and even carried over by hand it cannot open Acme there.
  await page.goto(`${origin(NORTHWIND_HOST)}/t/northwind-fashion/dashboard`);
  await page.waitForURL(`${origin(NORTHWIND_HOST)}/sign-in**`);
  const acmeCookies = await context.cookies(origin(ACME_HOST));
  await context.addCookies(acmeCookies.map((c) => ({ ...c, domain: NORTHWIND_HOST })));
  await page.goto(`${origin(NORTHWIND_HOST)}/t/acme-grocers/dashboard`);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("Acme Grocers")).toHaveCount(0);

  // The app's own host behaves as before.
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByTestId("auth-brand")).toHaveText("Foresight");
  // Chromium ignores (and warns about) Cross-Origin-Opener-Policy on plain-HTTP origins other than
  // localhost, as these test hosts are; custom domains are served over HTTPS in production.
  expect(errors.filter((e) => !e.includes("404") && !e.includes("Cross-Origin-Opener-Policy header has been ignored"))).toEqual([]);
  await context.close();
});
