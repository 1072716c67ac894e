import type { Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo1234";

/**
 * The app's own alert. Next.js keeps a live region with role "alert" of its own (the route
 * announcer, `#__next-route-announcer__`), so a bare `getByRole("alert")` matches two elements.
 */
export function appAlert(page: Page) {
  return page.getByRole("alert").and(page.locator(":not(#__next-route-announcer__)"));
}

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/sign-in");
  }

  async signIn(email: string, password = DEMO_PASSWORD) {
    await this.goto();
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  error() {
    return appAlert(this.page);
  }
}
