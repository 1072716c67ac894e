import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiKeys } from "@/drizzle/schema";
import { withTenant } from "@/server/db/tenant-context";
import { authenticateApiKey } from "@/server/services/api-keys/api-keys";
import { trpcOutcome } from "../billing/helpers";
import { fixtureDatabase } from "../helpers/fixture-database";
import { testDrivers } from "../helpers/test-database";
import { callerFor } from "../helpers/trpc-caller";

describe.each(testDrivers())("API key expiry on %s", (driver) => {
  const db = fixtureDatabase(driver);

  it("a key with an expiry works until then and is refused afterwards; without one it does not expire", async () => {
    const { database, a } = db;
    const admin = callerFor(database, a.users.admin.id, a.slug);
    const expiring = await admin.admin.createApiKey({ name: "contractor", scope: "read", expiresInDays: 30 });
    expect(expiring.expiresAt!.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const lasting = await admin.admin.createApiKey({ name: "ERP", scope: "read" });
    expect(lasting.expiresAt).toBeNull();
    expect(await authenticateApiKey(database, expiring.key)).toMatchObject({ apiKeyId: expiring.id });

    await withTenant(database, a.id, (tx) => tx.update(apiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, expiring.id)));
    expect(await authenticateApiKey(database, expiring.key)).toBeNull();
    expect(await authenticateApiKey(database, lasting.key)).toMatchObject({ apiKeyId: lasting.id });
    expect((await admin.admin.apiKeys()).find((k) => k.id === expiring.id)?.expiresAt).toBeInstanceOf(Date);
    expect((await trpcOutcome(admin.admin.createApiKey({ name: "x", scope: "read", expiresInDays: 0 }))).code).toBe("BAD_REQUEST");
  });
});
