import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/server/db/tenant-context";
import { seedDemoTenants } from "@/server/services/demo-data/seed-demo";
import type { SeededTenant } from "@/server/services/demo-data/seed-demo";
import { analyseCandidateStore } from "@/server/services/expansion/analyse-expansion";
import { buildOpenApiDocument } from "@/server/rest/openapi";
import { createRestApi } from "@/server/rest/endpoints";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";
import { call, createKey } from "../rest/rest-client";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";

const SCALE = { stores: 8, items: 8, days: 400 };

describe.each(testDrivers())("store expansion analyser on %s", (driver) => {
  let database: TestDatabase;
  let tenant: SeededTenant;
  let other: FixtureTenant;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const configs = await loadTenantConfigs();
    tenant = (await seedDemoTenants(database.owner, { scale: SCALE, configs: configs.filter((c) => c.slug === "northwind-fashion") })).tenants[0]!;
    other = await createFixtureTenant(database, "other");
  }, 300_000);
  afterAll(() => database?.close());

  it("projects a twin of Köln from Köln first, with the generator's size effect and an interval", async () => {
    const r = await withTenant(database, tenant.tenantId, (tx) => analyseCandidateStore(tx, { sizeSqm: 900, region: "West", format: "High street", city: "Köln", k: 4 }));
    expect(r.analogs[0]!.id).toBe("N04");
    expect(r.analogs[0]!.weight).toBeGreaterThan(r.analogs[1]!.weight);
    // The generator makes sales ∝ size^0.5 (tenant.json storeSizeExponent); the fit sees it through the noise.
    expect(r.sizeExponent).toBeGreaterThan(0.3);
    expect(r.sizeExponent).toBeLessThan(0.7);
    expect(r.projection.length).toBeGreaterThan(0);
    for (const p of r.projection) expect(p.p10).toBeLessThanOrEqual(p.p90);
    expect(r.caveat).toBeNull();
  });

  it("serves POST /api/v1/expansion/analyse (in the OpenAPI document), with a caveat for unlike candidates, clear errors and tenant isolation", async () => {
    const api = createRestApi({ getDatabase: async () => database });
    const { key } = await createKey(database, tenant.tenantId, "read");
    const res = await call(api.analyseExpansion, "/expansion/analyse", { key, method: "POST", body: JSON.stringify({ sizeSqm: 6000, region: "Schweiz", format: "Outlet", city: "Zürich" }) });
    expect(res.status).toBe(200);
    expect((res.body.data as { caveat: string }).caveat).toMatch(/differs a lot/);
    const bad = await call(api.analyseExpansion, "/expansion/analyse", { key, method: "POST", body: JSON.stringify({ sizeSqm: -5 }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/sizeSqm/);
    const theirs = await createKey(database, other.id, "read");
    // The fixture tenant sees only its own store, none of Northwind's: one analog, and the caveat says so.
    const theirsRes = await call(api.analyseExpansion, "/expansion/analyse", { key: theirs.key, method: "POST", body: JSON.stringify({ sizeSqm: 900 }) });
    const data = theirsRes.body.data as { analogs: { id: string }[]; caveat: string };
    expect(data.analogs.map((a) => a.id)).toEqual(["other-S1"]);
    expect(data.caveat).toMatch(/only 1 existing store/);
    const doc = buildOpenApiDocument() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain("/expansion/analyse");
  });
});
