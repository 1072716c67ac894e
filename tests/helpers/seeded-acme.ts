import path from "node:path";
import { seedDemoTenants } from "@/server/services/demo-data/seed-demo";
import type { Scale } from "@/server/services/demo-data/types";
import { TENANTS_DIR, loadTenantConfig } from "@/server/tenants/tenant-config";
import { createFixtureTenant } from "./fixtures";
import type { TestDatabase } from "./test-database";

/** Acme's demo history at `scale`, beside a small fixture tenant "other" that must never see it. */
export async function seedAcmeBesideOther(database: TestDatabase, scale: Scale) {
  const acme = await loadTenantConfig(path.join(TENANTS_DIR, "acme-grocers", "tenant.json"));
  const seeded = await seedDemoTenants(database.owner, { scale, configs: [acme] });
  return { acme, acmeId: seeded.tenants[0]!.tenantId, other: await createFixtureTenant(database, "other") };
}
