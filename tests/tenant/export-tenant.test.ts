import { eq } from "drizzle-orm";
import { unzipSync, strFromU8 } from "fflate";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/drizzle/schema";
import { withTenant } from "@/server/db/tenant-context";
import { exportTenant } from "@/server/services/tenant/export-tenant";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";

describe.each(testDrivers())("tenant export on %s", (driver) => {
  let database: TestDatabase;
  let a: FixtureTenant;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    a = await createFixtureTenant(database, "a");
    // A second tenant with rows in every table, none of which may appear in the export.
    await createFixtureTenant(database, "b");
  });
  afterAll(() => database.close());

  it("is a zip with one CSV per tenant table holding all of this tenant's rows and none of another's, and is audited", async () => {
    const zipped = new Uint8Array(await new Response(exportTenant(database, { tenantId: a.id, userId: a.users.admin.id, role: "admin", ip: "203.0.113.9" })).arrayBuffer());
    const files = unzipSync(zipped);
    const names = Object.keys(files).sort();
    expect(names).toEqual(expect.arrayContaining(["sales.csv", "items.csv", "audit_log.csv", "model_artifacts.csv", "usage_records.csv", "brand_assets.csv"]));
    for (const name of names) {
      const { data, meta } = Papa.parse<Record<string, string>>(strFromU8(files[name]!), { header: true, skipEmptyLines: true });
      expect(meta.fields, name).toContain("tenant_id");
      expect(data.length, name).toBeGreaterThan(0);
      expect(new Set(data.map((r) => r.tenant_id)), name).toEqual(new Set([a.id]));
    }
    const sales = Papa.parse<Record<string, string>>(strFromU8(files["sales.csv"]!), { header: true, skipEmptyLines: true }).data;
    expect(sales.map((r) => r.units).sort()).toEqual(["10", "4"]);
    const artifact = Papa.parse<Record<string, string>>(strFromU8(files["model_artifacts.csv"]!), { header: true, skipEmptyLines: true }).data[0]!;
    expect(Buffer.from(artifact.bytes!, "base64")).toEqual(Buffer.from([1, 2, 3]));
    const audit = await withTenant(database, a.id, (tx) => tx.select().from(auditLog).where(eq(auditLog.action, "tenant.exported")));
    expect(audit).toHaveLength(1);
    expect((audit[0]!.details.rows as Record<string, number>).sales).toBe(2);
  });
});
