import { expect, test } from "@playwright/test";

// Integrations sign in with plain HTTP: CSRF token, then the credentials callback with email and password.
test("a script signs in through /api/auth/callback/credentials and lands on its tenant", async ({ request }) => {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signIn = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: "owner@northwind.test", password: "demo1234", callbackUrl: "/" },
  });
  expect(signIn.ok()).toBe(true);
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email).toBe("owner@northwind.test");
  const home = await request.get("/");
  expect(home.url()).toMatch(/\/t\/northwind-fashion\/dashboard$/);
  expect(await home.text()).toContain("Northwind");
});

test("tRPC refuses a signed-out caller", async ({ request }) => {
  const response = await request.get("/api/trpc/tenant.mine");
  expect(response.status()).toBe(401);
});
