import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrpcHttpHandler } from "@/server/api/http-handler";
import { TENANT_HEADER, createTRPCContext } from "@/server/api/trpc";
import type { Database } from "@/server/db/database";
import { createTokenBucketLimiter } from "@/server/http/rate-limit";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";

type TrpcError = { error: { json: { message: string; data: { code: string; httpStatus: number; appCode: string | null } } } };

describe.each(testDrivers())("tRPC over HTTP on %s", (driver) => {
  let database: Database;
  let a: FixtureTenant;
  let handler: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    a = await createFixtureTenant(database, "a");
    // The user comes from a test header instead of Auth.js; everything after that is the app's own path.
    const limiter = createTokenBucketLimiter({ policyFor: () => ({ burst: 12, perSecond: 0.5 }) });
    handler = createTrpcHttpHandler(async (request) => {
      const userId = request.headers.get("x-test-user");
      return createTRPCContext({ database, user: userId ? { id: userId } : null, headers: request.headers, rateLimiter: limiter });
    });
  });
  afterAll(() => database.close());

  const get = (path: string, input: unknown, userId: string, batch = false) => {
    const query = batch ? `batch=1&input=${encodeURIComponent(JSON.stringify(input))}` : `input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
    return handler(new Request(`http://localhost/api/trpc/${path}?${query}`, { headers: { "x-test-user": userId, [TENANT_HEADER]: a.slug } }));
  };
  const post = (path: string, body: BodyInit, userId: string, headers: Record<string, string> = {}) =>
    handler(
      new Request(`http://localhost/api/trpc/${path}`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "x-test-user": userId, [TENANT_HEADER]: a.slug, ...headers },
        duplex: "half",
      } as RequestInit),
    );

  it("answers tenant data with private, no-store", async () => {
    const res = await get("catalog.stores", undefined, a.users.viewer.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("refuses a batch of more than 10 calls, saying so", async () => {
    const eleven = Array.from({ length: 11 }, () => "catalog.categories").join(",");
    const res = await get(eleven, {}, a.users.analyst.id, true);
    expect(res.status).toBe(400);
    const body = (await res.json()) as TrpcError[];
    expect(body).toHaveLength(11);
    expect(body[0]!.error.json.message).toBe("A batch may hold at most 10 calls; this one has 11.");
    expect((await get(Array.from({ length: 10 }, () => "catalog.categories").join(","), {}, a.users.analyst.id, true)).status).toBe(200);
  });

  it("answers a NUL byte in any text input with a 400 naming the field", async () => {
    const res = await get("catalog.items", { search: "oat\u0000" }, a.users.owner.id);
    expect(res.status).toBe(400);
    expect(((await res.json()) as TrpcError).error.json.message).toBe("search: Must not contain NUL characters (\\u0000)");
  });

  it("bounds the sales summary's period", async () => {
    const wide = await get("sales.summary", { from: "0001-01-01", to: "9999-12-31" }, a.users.owner.id);
    expect(wide.status).toBe(400);
    expect(((await wide.json()) as TrpcError).error.json.message).toMatch(/from: Dates lie between 1990-01-01 and 2100-12-31/);
    const long = await get("sales.summary", { from: "2020-01-01", to: "2026-01-01" }, a.users.owner.id);
    expect(((await long.json()) as TrpcError).error.json.message).toBe("from: The period may span at most 1096 days (3 years); this one spans 2193");
    // A `from` alone is measured to the latest sale (2026-01-02 in the fixture).
    const open = await get("sales.summary", { from: "2022-01-01" }, a.users.owner.id);
    expect(((await open.json()) as TrpcError).error.json).toMatchObject({ message: expect.stringMatching(/spans 1463$/), data: { appCode: "bad_request:period" } });
    expect((await get("sales.summary", { from: "2023-01-03", to: "2026-01-02" }, a.users.owner.id)).status).toBe(200);
  });

  it("answers a body over 1 MB with a 413 naming the limit, with and without Content-Length", async () => {
    const big = JSON.stringify({ json: { displayName: "x".repeat(1024 * 1024), primaryColor: "#000000", accentColor: "#000000" } });
    const declared = await post("tenant.updateBranding", big, a.users.admin.id, { "content-length": String(big.length) });
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(big);
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const chunked = await post("tenant.updateBranding", chunks, a.users.admin.id);
    for (const res of [declared, chunked]) {
      expect(res.status).toBe(413);
      expect(((await res.json()) as TrpcError).error.json).toMatchObject({
        message: "The request body is larger than the 1 MB limit for API requests.",
        data: { code: "PAYLOAD_TOO_LARGE", appCode: "payload_too_large:body" },
      });
    }
  });

  it("refuses a mutation posted from another site's page (CSRF), accepts one from this site or without Origin", async () => {
    const body = JSON.stringify({ json: { displayName: "Via CSRF", primaryColor: "#112233", accentColor: "#445566" } });
    const crossSite = await post("tenant.updateBranding", body, a.users.admin.id, { origin: "https://evil.example", host: "localhost" });
    expect(crossSite.status).toBe(403);
    expect(((await crossSite.json()) as TrpcError).error.json.message).toBe("Requests that change data must come from this site's own pages.");
    const sameSite = await post("tenant.updateBranding", body.replace("Via CSRF", "Same site"), a.users.admin.id, { origin: "http://localhost", host: "localhost" });
    expect(sameSite.status).toBe(200);
    expect((await post("tenant.updateBranding", body.replace("Via CSRF", "Script"), a.users.admin.id)).status).toBe(200);
  });

  it("limits each user's calls, answering 429 with Retry-After", async () => {
    const user = a.users.analyst.id;
    // The batch above took 10 of this user's 12 tokens; spend the rest, one call at a time.
    let res: Response | undefined;
    for (let i = 0; i < 20 && res?.status !== 429; i++) res = await get("catalog.categories", undefined, user);
    expect(res?.status).toBe(429);
    expect(Number(res?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await res!.json()) as TrpcError).error.json).toMatchObject({ data: { code: "TOO_MANY_REQUESTS", appCode: "too_many_requests:rate_limit" } });
    // Another user still has a budget.
    expect((await get("catalog.categories", undefined, a.users.viewer.id)).status).toBe(200);
  });
});
