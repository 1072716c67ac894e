import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { cookiesOf, rawRequest } from "./pages/raw-http";
import { createApiKey, signUpWorkspace } from "./pages/workspace";
import type { Workspace } from "./pages/workspace";

// Probes of the running app over real HTTP: client address, sign-in throttle, security headers,
// body limits, clear 400s, batch and rate limits. Probes use workspaces, users and keys of this
// file's own, and source addresses (127.0.0.x) no other spec uses, so no other spec's counters or
// budgets move. Sign-ups are few (each address may make 10 an hour): one shared by the probes that
// change nothing, one each for the throttle and the budget, which spend theirs.

const MB = 1024 * 1024;

async function sessionCookie(page: Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

/** A signed-up owner's workspace, its session cookie and a write API key. */
async function probeWorkspace(page: Page, tag: string): Promise<Workspace & { cookie: string; key: string }> {
  const workspace = await signUpWorkspace(page, tag);
  const key = await createApiKey(page, workspace.slug);
  return { ...workspace, key, cookie: await sessionCookie(page) };
}

let shared: Awaited<ReturnType<typeof probeWorkspace>>;

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  shared = await probeWorkspace(page, "probes");
  await page.close();
});

/** Signs in through the credentials callback as a script does, from `from`, claiming `forwardedFor`. */
async function scriptSignIn(baseURL: string, from: string, email: string, password: string, forwardedFor: string) {
  const csrf = await rawRequest(baseURL, { path: "/api/auth/csrf", from });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }).toString();
  const response = await rawRequest(baseURL, {
    path: "/api/auth/callback/credentials",
    method: "POST",
    from,
    body,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookiesOf(csrf),
      "x-forwarded-for": forwardedFor,
      "x-foresight-client-address": forwardedFor,
    },
  });
  expect(response.status).toBe(302);
  return new URL(response.headers.location ?? "", baseURL);
}

test("a forged X-Forwarded-For does not escape the sign-in limit, which holds only that address", async ({ page, baseURL }) => {
  const account = await signUpWorkspace(page, "throttle");
  const base = baseURL!;
  // Five wrong passwords from one address, each claiming to come from somewhere else.
  for (let i = 1; i <= 5; i++) {
    const landed = await scriptSignIn(base, "127.0.0.3", account.email, `wrong-${i}`, `198.51.100.${i}`);
    expect(landed.searchParams.get("code")).toBe("credentials");
  }
  // The sixth try, with the right password and yet another claimed address, waits.
  const throttled = await scriptSignIn(base, "127.0.0.3", account.email, account.password, "203.0.113.99");
  expect(throttled.searchParams.get("code")).toMatch(/^throttled\.account_address\.\d+$/);
  // The page it lands on (signed out) says what is throttled.
  await page.context().clearCookies();
  await page.goto(`/sign-in${throttled.search}`);
  await expect(page.getByText(/Too many failed sign-ins to this account from your address\. Try again in \d+ seconds\./)).toBeVisible();
  // The account itself is not locked: its owner at another address signs in.
  const elsewhere = await scriptSignIn(base, "127.0.0.4", account.email, account.password, "198.51.100.1");
  expect(elsewhere.searchParams.get("error")).toBeNull();
});

test("pages, tRPC and REST answers carry the security headers; tenant data is never cached", async ({ baseURL }) => {
  const expectSecurityHeaders = (headers: Record<string, string | string[] | undefined>, what: string) => {
    expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"], what).toBe("DENY");
    expect(headers["x-content-type-options"], what).toBe("nosniff");
    expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], what).toContain("camera=()");
    // Plain http, and no trusted proxy to vouch for https: no HSTS, whatever the client claims.
    expect(headers["strict-transport-security"], what).toBeUndefined();
  };
  const signIn = await rawRequest(baseURL!, { path: "/sign-in", from: "127.0.0.5", headers: { "x-forwarded-proto": "https" } });
  expectSecurityHeaders(signIn.headers, "/sign-in");
  const nonce = String(signIn.headers["content-security-policy"]).match(/'nonce-([^']+)'/)?.[1];
  expect(nonce).toBeTruthy();
  expect(signIn.body).toContain(`nonce="${nonce}"`);

  const { key, cookie, slug } = shared;
  const trpc = await rawRequest(baseURL!, { path: "/api/trpc/catalog.stores", headers: { cookie, "x-tenant": slug } });
  expect(trpc.status).toBe(200);
  expectSecurityHeaders(trpc.headers, "tRPC");
  expect(trpc.headers["cache-control"]).toBe("private, no-store");
  const rest = await rawRequest(baseURL!, { path: "/api/v1/stores", headers: { authorization: `Bearer ${key}` } });
  expect(rest.status).toBe(200);
  expectSecurityHeaders(rest.headers, "REST");
  expect(rest.headers["cache-control"]).toBe("private, no-store");
});

test("bodies over 1 MB are answered 413 naming the limit, with and without Content-Length", async ({ baseURL }) => {
  const { key, cookie, slug } = shared;
  const big = JSON.stringify({ json: { displayName: "x".repeat(2 * MB), primaryColor: "#000000", accentColor: "#000000" } });
  for (const chunked of [false, true]) {
    const rest = await rawRequest(baseURL!, {
      path: "/api/v1/items/any",
      method: "PATCH",
      chunked,
      body: big,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    });
    expect(rest.status, `REST chunked=${chunked}`).toBe(413);
    expect(JSON.parse(rest.body)).toEqual({ error: { code: "payload_too_large:body", message: "The request body is larger than the 1 MB limit for JSON request bodies." } });
    const trpc = await rawRequest(baseURL!, {
      path: "/api/trpc/tenant.updateBranding",
      method: "POST",
      chunked,
      body: big,
      headers: { cookie, "x-tenant": slug, "content-type": "application/json" },
    });
    expect(trpc.status, `tRPC chunked=${chunked}`).toBe(413);
    expect(JSON.parse(trpc.body).error.json.message).toBe("The request body is larger than the 1 MB limit for API requests.");
  }
  // An oversized server action (the sign-in form's) is a 413 too, not a 500.
  const action = await rawRequest(baseURL!, { path: "/sign-in", method: "POST", body: "x".repeat(2 * MB), headers: { "next-action": "0".repeat(42), "content-type": "text/plain" } });
  expect(action.status).toBe(413);
  expect(JSON.parse(action.body).error.message).toBe("The form submission is larger than the 1 MB limit.");
});

test("a NUL byte in text input and %ff in a path are 400s naming what is wrong", async ({ baseURL }) => {
  const { key, cookie, slug } = shared;
  const rest = await rawRequest(baseURL!, { path: "/api/v1/items?search=oat%00milk", headers: { authorization: `Bearer ${key}` } });
  expect(rest.status).toBe(400);
  expect(JSON.parse(rest.body).error.message).toBe("search: Must not contain NUL characters (\\u0000)");
  const input = encodeURIComponent(JSON.stringify({ json: { search: "oat\u0000milk" } }));
  const trpc = await rawRequest(baseURL!, { path: `/api/trpc/catalog.items?input=${input}`, headers: { cookie, "x-tenant": slug } });
  expect(trpc.status).toBe(400);
  expect((JSON.parse(trpc.body) as { error: { json: { message: string } } }).error.json.message).toBe("search: Must not contain NUL characters (\\u0000)");
  for (const path of [`/t/%ff/dashboard`, "/api/v1/items/%ff", "/invite/%ff"]) {
    const res = await rawRequest(baseURL!, { path, method: path.startsWith("/api/v1/items/") ? "PATCH" : "GET", headers: { authorization: `Bearer ${key}` } });
    expect(res.status, path).toBe(400);
    expect(JSON.parse(res.body).error.code, path).toBe("bad_request:path");
  }
  // Unknown query parameters are refused on every endpoint, /stores included.
  const stores = await rawRequest(baseURL!, { path: "/api/v1/stores?foo=bar", headers: { authorization: `Bearer ${key}` } });
  expect(stores.status).toBe(400);
  expect(JSON.parse(stores.body).error.message).toMatch(/^foo: Unknown query parameter/);
});

test("a batch of more than 10 tRPC calls is refused, saying so", async ({ baseURL }) => {
  const eleven = Array.from({ length: 11 }, () => "catalog.categories").join(",");
  const response = await rawRequest(baseURL!, { path: `/api/trpc/${eleven}?batch=1&input=%7B%7D`, headers: { cookie: shared.cookie, "x-tenant": shared.slug } });
  expect(response.status).toBe(400);
  const body = JSON.parse(response.body) as { error: { json: { message: string } } }[];
  expect(body[0]?.error.json.message).toBe("A batch may hold at most 10 calls; this one has 11.");
});

test("a user's and an API key's request budgets answer 429 with Retry-After", async ({ page, baseURL }) => {
  const { key, cookie, slug } = await probeWorkspace(page, "budget");
  // A key's burst of 60 (2 a second) and a user's of 240 (4 a second): 90 and 600 requests at once
  // overrun them unless the server needs over 15 s (REST) or 90 s (tRPC) to take them all in.
  const burst = (count: number, path: string, headers: Record<string, string>) => Promise.all(Array.from({ length: count }, () => rawRequest(baseURL!, { path, headers })));
  for (const [what, responses] of [
    ["REST", await burst(90, "/api/v1/stores", { authorization: `Bearer ${key}` })],
    ["tRPC", await burst(600, "/api/trpc/catalog.stores", { cookie, "x-tenant": slug })],
  ] as const) {
    const refused = responses.filter((r) => r.status === 429);
    expect(refused.length, what).toBeGreaterThan(0);
    expect(responses.every((r) => r.status === 200 || r.status === 429), what).toBe(true);
    expect(Number(refused[0]!.headers["retry-after"]), what).toBeGreaterThanOrEqual(1);
    // REST: the key's bucket (60, then 2 a second) and a Free workspace's plan bucket (60 a minute)
    // both run out in a burst of 90; whichever answers first names its own limit.
    expect(refused[0]!.body, what).toMatch(/up to (60|240) at once, then [24] per second|Free plan allows 60 API requests per minute/);
  }
});
