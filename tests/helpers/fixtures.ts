import { memberships, tenants, users } from "@/drizzle/schema";
import type { Role } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withAuthRole, withTenant } from "@/server/db/tenant-context";
import { hashPassword } from "@/server/auth/password";
import * as schema from "@/drizzle/schema";
import { refreshSalesRollups } from "@/server/services/sales/refresh-sales-rollups";

export const FIXTURE_PASSWORD = "correct horse battery";

export type FixtureTenant = {
  id: string;
  slug: string;
  users: Record<Role, { id: string; email: string }>;
};

let passwordHash: Promise<string> | undefined;

/**
 * A tenant with one user per role and a row in every tenant-scoped table, written through the
 * tenant context itself. `tag` makes ids and emails distinct between tenants.
 */
export async function createFixtureTenant(database: Database, tag: string): Promise<FixtureTenant> {
  passwordHash ??= hashPassword(FIXTURE_PASSWORD);
  const hash = await passwordHash;
  // Tenant and user rows as sign-up writes them: as the identity role, the only one allowed to.
  const { tenant, roleUsers } = await withAuthRole(database, async (tx) => {
    const [tenant] = await tx
      .insert(tenants)
      // Pro, so the plan's limits (3 seats on Free) stay out of the way of tests about other things.
      .values({ slug: `t-${tag}`, name: `Tenant ${tag}`, plan: "pro", branding: { displayName: `Brand ${tag}`, primaryColor: "#112233", accentColor: "#445566" } })
      .returning();
    if (!tenant) throw new Error("no tenant");
    const roleUsers = {} as FixtureTenant["users"];
    for (const role of ["owner", "admin", "analyst", "viewer"] as const) {
      const email = `${role}@${tag}.test`;
      const [user] = await tx.insert(users).values({ email, name: `${role} ${tag}`, passwordHash: hash }).returning({ id: users.id });
      if (!user) throw new Error("no user");
      roleUsers[role] = { id: user.id, email };
    }
    return { tenant, roleUsers };
  });
  await withTenant(database, tenant.id, async (tx) => {
    for (const [role, u] of Object.entries(roleUsers)) {
      await tx.insert(memberships).values({ tenantId: tenant.id, userId: u.id, role: role as Role });
    }
    const tenantId = tenant.id;
    const store = `${tag}-S1`;
    const item = `${tag}-I1`;
    await tx.insert(schema.stores).values({ tenantId, id: store, name: `Store ${tag}`, sizeSqm: 1200 });
    await tx.insert(schema.items).values({ tenantId, id: item, name: `Item ${tag}`, category: `Cat ${tag}`, unitCost: 1.5, basePrice: 3 });
    await tx.insert(schema.sales).values([
      { tenantId, date: "2026-01-01", storeId: store, itemId: item, units: 10, price: 3, discount: 0 },
      { tenantId, date: "2026-01-02", storeId: store, itemId: item, units: 4, price: 3, discount: 0.5, promo: true },
    ]);
    await refreshSalesRollups(tx, "tenant");
    await tx.insert(schema.priceHistory).values({ tenantId, storeId: store, itemId: item, validFrom: "2026-01-01", price: 3 });
    await tx.insert(schema.discountsHistory).values({ tenantId, storeId: store, itemId: item, startDate: "2026-01-02", endDate: "2026-01-02", discount: 0.5 });
    await tx.insert(schema.markdowns).values({ tenantId, storeId: store, itemId: item, startDate: "2026-01-03", markdown: 0.3 });
    await tx.insert(schema.online).values({ tenantId, date: "2026-01-01", itemId: item, pageViews: 100, addToCarts: 8, onlineUnits: 3 });
    await tx.insert(schema.inventory).values({ tenantId, date: "2026-01-01", storeId: store, itemId: item, onHand: 40, leadTimeDays: 3, orderCost: 25, holdingCostRate: 0.2 });
    await tx.insert(schema.stockoutDays).values({ tenantId, date: "2026-01-02", storeId: store, itemId: item });
    await tx.insert(schema.imports).values({ tenantId, source: "sales", mode: "validate", status: "validated", rowsRead: 2 });
    await tx.insert(schema.ingestEvents).values({ tenantId, eventId: `evt-${tag}`, date: "2026-01-01", storeId: store, itemId: item, units: 1 });
    await tx.insert(schema.calendarEvents).values({ tenantId, date: "2026-01-01", name: "New Year" });
    await tx.insert(schema.invitations).values({ tenantId, email: `new@${tag}.test`, role: "viewer", tokenHash: `hash-${tag}`, expiresAt: new Date(Date.now() + 86_400_000) });
    await tx.insert(schema.apiKeys).values({ tenantId, name: `key ${tag}`, prefix: "fs_live_x", keyHash: `keyhash-${tag}`, scope: "read" });
    await tx.insert(schema.auditLog).values({ tenantId, action: "fixture.created" });
    await tx.insert(schema.modelArtifacts).values({ tenantId, sha256: `sha-${tag}`, bytes: new Uint8Array([1, 2, 3]), sizeBytes: 3 });
    const [model] = await tx
      .insert(schema.modelVersions)
      .values({ tenantId, version: 1, algorithm: "gbdt", params: {}, features: ["h"], trainedFrom: "2026-01-01", trainedTo: "2026-01-02", horizon: 28, metrics: {}, artifacts: { p50: `sha-${tag}` }, trainSeconds: 1 })
      .returning();
    await tx.insert(schema.experimentRuns).values({ tenantId, kind: "train", status: "succeeded", modelVersionId: model!.id, finishedAt: new Date() });
    await tx.insert(schema.usageRecords).values({ tenantId, metric: "reports", unitKey: `fixture-${tag}`, quantity: 1, period: "2026-01-01" });
    await tx.insert(schema.stripeEvents).values({ tenantId, eventId: `evt_fixture_${tag}`, type: "customer.subscription.created" });
    await tx.insert(schema.brandAssets).values({ tenantId, kind: "logo", contentType: "image/png", bytes: new Uint8Array([0x89, 0x50]), sha256: `logo-${tag}`, sizeBytes: 2 });
    await tx.insert(schema.forecasts).values({ tenantId, modelVersionId: model!.id, storeId: store, itemId: item, date: "2026-01-03", p10: 2, p50: 5, p90: 9 });
    await tx.insert(schema.inventorySettings).values({ tenantId });
    // Everything off, as a tenant that never saved a schedule behaves.
    await tx.insert(schema.jobSchedules).values({ tenantId });
    await tx.insert(schema.pricingSettings).values({ tenantId });
    await tx.insert(schema.actionRefreshes).values({ tenantId, stamp: "fixture" });
    await tx.insert(schema.categoryServiceLevels).values({ tenantId, category: `Cat ${tag}`, serviceLevel: 0.98 });
    const [action] = await tx
      .insert(schema.actions)
      .values({ tenantId, type: "reorder", key: `reorder|${store}|${item}`, basis: "fixture", storeId: store, itemId: item, quantity: 12, value: 30, dueDate: "2026-01-03", title: "Reorder 12", evidence: {}, status: "accepted" })
      .returning();
    await tx.insert(schema.purchaseOrderLines).values({ tenantId, actionId: action!.id, storeId: store, itemId: item, quantity: 12, orderDate: "2026-01-03", unitCost: 1.5 });
    await tx.insert(schema.forecastOverrides).values({ tenantId, storeId: store, itemId: item, fromDate: "2026-01-03", toDate: "2026-01-09", mode: "scale", value: 1.2, reason: "fixture" });
    await tx.insert(schema.reports).values({ tenantId, kind: "forecast", params: { store, item }, modelVersionId: model!.id, pages: 1, sizeBytes: 4, renderMs: 1, bytes: new Uint8Array([37, 80, 68, 70]) });
    await tx.insert(schema.assistantConversations).values({ tenantId, userId: roleUsers.analyst.id, title: `Chat ${tag}`, messages: [] });
    await tx.insert(schema.alerts).values({ tenantId, storeId: store, itemId: item, date: "2026-01-02", kind: "drop", severity: "low", reason: `Sold 4 units (fixture ${tag})`, status: "acknowledged" });
    await tx.insert(schema.scenarios).values({ tenantId, name: `What-if ${tag}`, definition: { fixture: true }, result: { fixture: true }, modelVersionId: model!.id });
    await tx.insert(schema.alertRules).values({ tenantId, zThreshold: 3, bandMargin: 0.25, priceRatio: 3, historyDays: 56 });
  });
  return { id: tenant.id, slug: tenant.slug, users: roleUsers };
}
