import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, items } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import { CLIENT_ADDRESS_HEADER, markFrontDoorActive } from "@/server/http/client-address";
import { createTokenBucketLimiter } from "@/server/http/rate-limit";
import { createRestApi } from "@/server/rest/endpoints";
import { revokeApiKey } from "@/server/services/api-keys/api-keys";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import { call, createKey } from "./rest-client";

describe.each(testDrivers())("REST /api/v1 on %s", (driver) => {
  let database: Database;
  let api: ReturnType<typeof createRestApi>;
  let a: FixtureTenant;
  let b: FixtureTenant;
  let aRead: string;
  let aWrite: string;
  let bWrite: string;

  const itemOf = (tenant: FixtureTenant, id: string) =>
    withTenant(database, tenant.id, async (tx) => (await tx.select().from(items).where(eq(items.id, id)))[0]);
  const auditOf = (tenant: FixtureTenant) =>
    withTenant(database, tenant.id, (tx) => tx.select().from(auditLog).where(eq(auditLog.action, "item.updated")));

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    api = createRestApi({ getDatabase: async () => database });
    a = await createFixtureTenant(database, "a");
    b = await createFixtureTenant(database, "b");
    aRead = (await createKey(database, a.id, "read")).key;
    aWrite = (await createKey(database, a.id, "write")).key;
    bWrite = (await createKey(database, b.id, "write")).key;
  });
  afterAll(() => database.close());

  describe("authentication", () => {
    it("refuses a request without a key, or with a header that is not Bearer", async () => {
      for (const authorization of [undefined, "Basic dXNlcjpwYXNz", "Bearer", aRead]) {
        const res = await call(api.listStores, "/stores", { authorization });
        expect(res.status).toBe(401);
        expect(res.body.error?.code).toBe("unauthorized:missing_key");
      }
    });

    it("refuses an unknown key", async () => {
      const res = await call(api.listStores, "/stores", { key: "fs_live_not-a-real-key" });
      expect(res).toMatchObject({ status: 401, body: { error: { code: "unauthorized:invalid_key" } } });
    });

    it("refuses a revoked key", async () => {
      const { id, key } = await createKey(database, a.id, "read");
      expect((await call(api.listStores, "/stores", { key })).status).toBe(200);
      await withTenant(database, a.id, (tx) => revokeApiKey(tx, { tenantId: a.id, role: "owner" }, { keyId: id }));
      const res = await call(api.listStores, "/stores", { key });
      expect(res).toMatchObject({ status: 401, body: { error: { code: "unauthorized:invalid_key" } } });
    });
  });

  describe("scopes", () => {
    it("a read key cannot PATCH, and nothing changes", async () => {
      const before = await itemOf(a, "a-I1");
      const res = await call(api.updateItem, "/items/a-I1", { key: aRead, method: "PATCH", params: { id: "a-I1" }, body: JSON.stringify({ name: "Renamed" }) });
      expect(res).toMatchObject({ status: 403, body: { error: { code: "forbidden:scope" } } });
      expect(await itemOf(a, "a-I1")).toEqual(before);
    });

    it("a write key can PATCH (audited with the key) and read", async () => {
      const { id: keyId, key } = await createKey(database, a.id, "write");
      const res = await call(api.updateItem, "/items/a-I1", {
        key,
        method: "PATCH",
        params: { id: "a-I1" },
        body: JSON.stringify({ name: "Oat milk 1l", brand: "Oaty", basePrice: 3.49 }),
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ id: "a-I1", name: "Oat milk 1l", brand: "Oaty", basePrice: 3.49, unitCost: 1.5 });
      expect(res.body.data).not.toHaveProperty("tenantId");
      expect(await itemOf(a, "a-I1")).toMatchObject({ name: "Oat milk 1l", brand: "Oaty", basePrice: 3.49 });
      const [entry] = (await auditOf(a)).filter((e) => e.actorApiKeyId === keyId);
      expect(entry).toMatchObject({ targetType: "item", targetId: "a-I1", actorUserId: null });
      expect(entry?.details).toEqual({
        changes: { name: { from: "Item a", to: "Oat milk 1l" }, brand: { from: null, to: "Oaty" }, basePrice: { from: 3, to: 3.49 } },
      });
      expect((await call(api.listItems, "/items", { key })).status).toBe(200);
    });
  });

  describe("tenant isolation", () => {
    it("tenant A's key sees only A's stores, items and sales", async () => {
      const stores = await call(api.listStores, "/stores", { key: aRead });
      expect((stores.body.data as { id: string }[]).map((s) => s.id)).toEqual(["a-S1"]);

      const list = await call(api.listItems, "/items", { key: aRead });
      const data = list.body.data as { items: { id: string }[]; total: number };
      expect(data.items.map((i) => i.id)).toEqual(["a-I1"]);
      expect(data.total).toBe(1);
      expect((await call(api.listItems, "/items", { key: aRead, query: "search=b-I1" })).body.data).toEqual({ items: [], total: 0 });

      const summary = await call(api.salesSummary, "/sales/summary", { key: aRead });
      expect(summary.status).toBe(200);
      const s = summary.body.data as { byStore: { storeId: string }[]; byCategory: { category: string }[]; kpis: { units: number } };
      expect(s.byStore.map((x) => x.storeId)).toEqual(["a-S1"]);
      expect(s.byCategory.map((x) => x.category)).toEqual(["Cat a"]);
      expect(s.kpis.units).toBe(14);
    });

    it("naming B's ids with A's key finds nothing and changes nothing", async () => {
      const summary = await call(api.salesSummary, "/sales/summary", { key: aRead, query: "storeId=b-S1" });
      expect(summary).toMatchObject({ status: 404, body: { error: { code: "not_found:store" } } });
      const before = await itemOf(b, "b-I1");
      const patch = await call(api.updateItem, "/items/b-I1", { key: aWrite, method: "PATCH", params: { id: "b-I1" }, body: JSON.stringify({ name: "Hijacked" }) });
      expect(patch).toMatchObject({ status: 404, body: { error: { code: "not_found:item" } } });
      expect(await itemOf(b, "b-I1")).toEqual(before);
      expect(await auditOf(b)).toEqual([]);
    });

    it("B's key sees B's rows", async () => {
      const stores = await call(api.listStores, "/stores", { key: bWrite });
      expect((stores.body.data as { id: string }[]).map((s) => s.id)).toEqual(["b-S1"]);
    });
  });

  describe("input validation", () => {
    it("a malformed date is a 400 naming the field", async () => {
      const res = await call(api.salesSummary, "/sales/summary", { key: aRead, query: "from=2026-13-45" });
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe("bad_request:validation");
      expect(res.body.error?.message).toBe("from: Dates are YYYY-MM-DD");
    });

    it("reports every bad field, unknown parameters and the schema's own rules", async () => {
      const res = await call(api.listItems, "/items", { key: aRead, query: "limit=abc&offset=-1&colour=red" });
      expect(res.status).toBe(400);
      expect(res.body.error?.message).toMatch(/limit: /);
      expect(res.body.error?.message).toMatch(/offset: /);
      expect(res.body.error?.message).toContain("colour: Unknown query parameter (this endpoint accepts search, category, limit, offset)");
      const reversed = await call(api.salesSummary, "/sales/summary", { key: aRead, query: "from=2026-02-01&to=2026-01-01" });
      expect(reversed.body.error?.message).toBe("from: from must not be after to");
    });

    it("converts numeric query parameters and treats empty ones as absent", async () => {
      const res = await call(api.listItems, "/items", { key: aRead, query: "limit=1&offset=0&category=" });
      expect(res.status).toBe(200);
      expect((res.body.data as { items: unknown[] }).items).toHaveLength(1);
      const summary = await call(api.salesSummary, "/sales/summary", { key: aRead, query: "from=2026-01-01&to=2026-01-01&granularity=day" });
      expect(summary.body.data).toMatchObject({ period: { from: "2026-01-01", to: "2026-01-01", granularity: "day" }, kpis: { units: 10 } });
    });

    it("refuses unknown query parameters on every endpoint, empty ones too", async () => {
      const stores = await call(api.listStores, "/stores", { key: aRead, query: "foo=bar" });
      expect(stores).toMatchObject({ status: 400, body: { error: { code: "bad_request:validation", message: "foo: Unknown query parameter (this endpoint takes no query parameters)" } } });
      for (const [handler, path] of [[api.listItems, "/items"], [api.salesSummary, "/sales/summary"]] as const) {
        expect((await call(handler, path, { key: aRead, query: "foo=bar" })).status, path).toBe(400);
        expect((await call(handler, path, { key: aRead, query: "foo=" })).status, path).toBe(400);
      }
      const patch = await call(api.updateItem, "/items/a-I1", { key: aWrite, method: "PATCH", params: { id: "a-I1" }, query: "dryRun=1", body: JSON.stringify({ name: "X" }) });
      expect(patch.status).toBe(400);
      expect((await itemOf(a, "a-I1"))?.name).not.toBe("X");
    });

    it("takes numbers in plain decimal only, each parameter once", async () => {
      for (const limit of ["0x10", "1e2", "%205", "5%20", "1.5", "", "Infinity"]) {
        const res = await call(api.listItems, "/items", { key: aRead, query: `limit=${limit}&offset=x${limit}` });
        expect(res.status, limit).toBe(400);
      }
      expect((await call(api.listItems, "/items", { key: aRead, query: "limit=0x10" })).body.error?.message).toBe("limit: Invalid input: expected number, received string");
      expect((await call(api.listItems, "/items", { key: aRead, query: "limit=16" })).status).toBe(200);
      expect((await call(api.listItems, "/items", { key: aRead, query: "limit=5&limit=6" })).body.error).toEqual({ code: "bad_request:validation", message: "limit: Given more than once" });
    });

    it("a NUL byte in a query, path or body text is a 400 naming the field, and nothing is stored", async () => {
      expect((await call(api.listItems, "/items", { key: aRead, query: "search=%00" })).body.error?.message).toBe("search: Must not contain NUL characters (\\u0000)");
      expect((await call(api.salesSummary, "/sales/summary", { key: aRead, query: "category=a%00" })).body.error?.message).toMatch(/^category: Must not contain NUL/);
      const before = await itemOf(a, "a-I1");
      const body = await call(api.updateItem, "/items/a-I1", { key: aWrite, method: "PATCH", params: { id: "a-I1" }, body: JSON.stringify({ brand: "x\u0000y" }) });
      expect(body).toMatchObject({ status: 400, body: { error: { message: "brand: Must not contain NUL characters (\\u0000)" } } });
      const path = await call(api.updateItem, "/items/x", { key: aWrite, method: "PATCH", params: { id: "a\u0000" }, body: JSON.stringify({ name: "X" }) });
      expect(path).toMatchObject({ status: 400, body: { error: { message: "id: Must not contain NUL characters (\\u0000)" } } });
      expect(await itemOf(a, "a-I1")).toEqual(before);
    });

    it("bounds the sales summary's period", async () => {
      const res = await call(api.salesSummary, "/sales/summary", { key: aRead, query: "from=0001-01-01&to=9999-12-31" });
      expect(res.status).toBe(400);
      expect(res.body.error?.message).toContain("from: Dates lie between 1990-01-01 and 2100-12-31");
      expect((await call(api.salesSummary, "/sales/summary", { key: aRead, query: "from=2020-01-01&to=2026-01-01" })).body.error?.message).toMatch(/at most 1096 days/);
    });

    it("a body over 1 MB is a 413 naming the limit, with Content-Length or chunked", async () => {
      const big = JSON.stringify({ name: "x".repeat(1024 * 1024) });
      const declared = await call(api.updateItem, "/items/a-I1", { key: aWrite, method: "PATCH", params: { id: "a-I1" }, body: big, headers: { "content-length": String(big.length) } });
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          const bytes = new TextEncoder().encode(big);
          for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
          controller.close();
        },
      });
      const chunked = await call(api.updateItem, "/items/a-I1", { key: aWrite, method: "PATCH", params: { id: "a-I1" }, body: stream });
      for (const res of [declared, chunked]) {
        expect(res).toMatchObject({ status: 413, body: { error: { code: "payload_too_large:body", message: "The request body is larger than the 1 MB limit for JSON request bodies." } } });
      }
    });

    it("a PATCH with an unknown field is a 400 naming it, and nothing is stored", async () => {
      const before = await itemOf(a, "a-I1");
      const audited = (await auditOf(a)).length;
      const res = await call(api.updateItem, "/items/a-I1", {
        key: aWrite,
        method: "PATCH",
        params: { id: "a-I1" },
        body: JSON.stringify({ name: "Changed", unit_cost: 2 }),
      });
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe("bad_request:validation");
      expect(res.body.error?.message).toContain("unit_cost");
      expect(await itemOf(a, "a-I1")).toEqual(before);
      expect(await auditOf(a)).toHaveLength(audited);
    });

    it("a PATCH with bad values, no fields or a body that is not JSON is a 400", async () => {
      const patch = (body: string) => call(api.updateItem, "/items/a-I1", { key: aWrite, method: "PATCH", params: { id: "a-I1" }, body });
      const bad = await patch(JSON.stringify({ basePrice: -1, unitCost: 1.234, name: "" }));
      expect(bad.body.error?.code).toBe("bad_request:validation");
      for (const field of ["basePrice", "unitCost", "name"]) expect(bad.body.error?.message).toContain(`${field}: `);
      expect((await patch("{}")).body.error).toMatchObject({ code: "bad_request:validation", message: expect.stringContaining("at least one") });
      expect(await patch("{not json")).toMatchObject({ status: 400, body: { error: { code: "bad_request:json" } } });
      expect(await patch("")).toMatchObject({ status: 400, body: { error: { code: "bad_request:json" } } });
    });

    it("an unknown item id is a 404", async () => {
      const res = await call(api.updateItem, "/items/nope", { key: aWrite, method: "PATCH", params: { id: "nope" }, body: JSON.stringify({ name: "X" }) });
      expect(res).toMatchObject({ status: 404, body: { error: { code: "not_found:item", message: "Item nope not found." } } });
    });
  });

  describe("limits and headers", () => {
    it("answers with private, no-store, errors included", async () => {
      expect((await call(api.listStores, "/stores", { key: aRead })).headers.get("cache-control")).toBe("private, no-store");
      expect((await call(api.listStores, "/stores", { key: "fs_live_nope" })).headers.get("cache-control")).toBe("private, no-store");
    });

    it("limits each API key's requests, answering 429 with Retry-After", async () => {
      const limited = createRestApi({ getDatabase: async () => database, rateLimiter: createTokenBucketLimiter({ policyFor: () => ({ burst: 3, perSecond: 0.25 }) }) });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(limited.listStores, "/stores", { key: aRead })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await call(limited.listStores, "/stores", { key: aRead });
      expect(refused.headers.get("retry-after")).toBe("4");
      expect(refused.body.error).toMatchObject({ code: "too_many_requests:rate_limit", message: expect.stringContaining("this API key: up to 3 at once") });
      // Another key of the same tenant has its own budget.
      expect((await call(limited.listStores, "/stores", { key: aWrite })).status).toBe(200);
    });

    it("records the caller's address in the audit entry of a change", async () => {
      // In the app the front door sets this header from the socket (server/http/front-door.ts).
      markFrontDoorActive();
      const { id: keyId, key } = await createKey(database, a.id, "write");
      const res = await call(api.updateItem, "/items/a-I1", {
        key,
        method: "PATCH",
        params: { id: "a-I1" },
        body: JSON.stringify({ subcategory: "Plant milk" }),
        headers: { [CLIENT_ADDRESS_HEADER]: "198.51.100.23", "x-forwarded-for": "6.6.6.6" },
      });
      expect(res.status).toBe(200);
      const [entry] = (await auditOf(a)).filter((e) => e.actorApiKeyId === keyId);
      expect(entry?.ip).toBe("198.51.100.23");
    });
  });

  it("an unexpected failure is a 500 with a generic message, logged server-side only", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const broken = createRestApi({ getDatabase: () => Promise.reject(new Error("connection refused at 10.0.0.5:5432")) });
      const res = await call(broken.listStores, "/stores", { key: aRead });
      expect(res).toMatchObject({ status: 500, body: { error: { code: "internal", message: "Something went wrong on our side." } } });
      expect(log).toHaveBeenCalledOnce();
    } finally {
      log.mockRestore();
    }
  });
});
