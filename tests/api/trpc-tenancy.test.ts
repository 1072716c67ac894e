import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, invitations } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import { callerFor } from "../helpers/trpc-caller";

async function trpcCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
  return "OK";
}

describe.each(testDrivers())("tRPC tenancy and roles on %s", (driver) => {
  let database: Database;
  let a: FixtureTenant;
  let b: FixtureTenant;
  let bInvitationId: string;
  let bKeyId: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    a = await createFixtureTenant(database, "a");
    b = await createFixtureTenant(database, "b");
    bInvitationId = (await withTenant(database, b.id, (tx) => tx.select().from(invitations)))[0]!.id;
    bKeyId = (await withTenant(database, b.id, (tx) => tx.select().from(apiKeys)))[0]!.id;
  });
  afterAll(() => database.close());

  it("refuses ids of another tenant in every procedure that takes one", async () => {
    const owner = callerFor(database, a.users.owner.id, a.slug);
    const refused = ["NOT_FOUND", "FORBIDDEN"];
    expect(refused).toContain(await trpcCode(owner.catalog.store({ id: "b-S1" })));
    expect(refused).toContain(await trpcCode(owner.catalog.item({ id: "b-I1" })));
    expect(refused).toContain(await trpcCode(owner.members.changeRole({ userId: b.users.analyst.id, role: "viewer" })));
    expect(refused).toContain(await trpcCode(owner.members.remove({ userId: b.users.viewer.id })));
    expect(refused).toContain(await trpcCode(owner.members.revokeInvitation({ invitationId: bInvitationId })));
    expect(refused).toContain(await trpcCode(owner.admin.revokeApiKey({ keyId: bKeyId })));
    expect(refused).toContain(await trpcCode(owner.sales.summary({ storeId: "b-S1" })));
    // B's data is unchanged.
    const bMembers = await callerFor(database, b.users.owner.id, b.slug).members.list();
    expect(bMembers.find((m) => m.userId === b.users.analyst.id)?.role).toBe("analyst");
    expect(bMembers).toHaveLength(4);
  });

  it("own ids work", async () => {
    const owner = callerFor(database, a.users.owner.id, a.slug);
    expect((await owner.catalog.item({ id: "a-I1" })).name).toBe("Item a");
    expect((await owner.catalog.stores()).map((s) => s.id)).toEqual(["a-S1"]);
  });

  it("a member of A cannot act in B by naming B's slug", async () => {
    expect(await trpcCode(callerFor(database, a.users.owner.id, b.slug).catalog.stores())).toBe("NOT_FOUND");
    expect(await trpcCode(callerFor(database, a.users.owner.id, "no-such-tenant").catalog.stores())).toBe("NOT_FOUND");
    expect(await trpcCode(callerFor(database, null, a.slug).catalog.stores())).toBe("UNAUTHORIZED");
  });

  it("a viewer cannot invite members", async () => {
    const viewer = callerFor(database, a.users.viewer.id, a.slug);
    expect(await trpcCode(viewer.members.invite({ email: "x@example.com", role: "viewer" }))).toBe("FORBIDDEN");
  });

  it("an analyst cannot change roles", async () => {
    const analyst = callerFor(database, a.users.analyst.id, a.slug);
    expect(await trpcCode(analyst.members.changeRole({ userId: a.users.viewer.id, role: "admin" }))).toBe("FORBIDDEN");
    const members = await callerFor(database, a.users.owner.id, a.slug).members.list();
    expect(members.find((m) => m.userId === a.users.viewer.id)?.role).toBe("viewer");
  });

  it("an admin can change roles below owner but not touch owners; the last owner stays", async () => {
    const admin = callerFor(database, a.users.admin.id, a.slug);
    await admin.members.changeRole({ userId: a.users.viewer.id, role: "analyst" });
    expect(await trpcCode(admin.members.changeRole({ userId: a.users.owner.id, role: "viewer" }))).toBe("FORBIDDEN");
    expect(await trpcCode(admin.members.changeRole({ userId: a.users.viewer.id, role: "owner" }))).toBe("FORBIDDEN");
    const owner = callerFor(database, a.users.owner.id, a.slug);
    expect(await trpcCode(owner.members.changeRole({ userId: a.users.owner.id, role: "admin" }))).toBe("CONFLICT");
    await owner.members.changeRole({ userId: a.users.viewer.id, role: "viewer" });
    const audit = await owner.admin.audit({ limit: 10 });
    expect(audit.map((e) => e.action)).toContain("member.role_changed");
  });

  it("invites are stored hashed, listed as pending, and revocable", async () => {
    const admin = callerFor(database, a.users.admin.id, a.slug);
    const invite = await admin.members.invite({ email: "New.Person@Example.com", role: "analyst" });
    expect(invite.email).toBe("new.person@example.com");
    expect(invite.token.length).toBeGreaterThan(20);
    const pending = await admin.members.invitations();
    expect(pending.map((p) => p.email)).toContain("new.person@example.com");
    expect(await trpcCode(admin.members.invite({ email: a.users.viewer.email, role: "viewer" }))).toBe("CONFLICT");
    expect(await trpcCode(admin.members.invite({ email: "not-an-email", role: "viewer" }))).toBe("BAD_REQUEST");
  });

  it("sales summary covers only the tenant's own rows", async () => {
    const summary = await callerFor(database, a.users.viewer.id, a.slug).sales.summary({ from: "2026-01-01", to: "2026-01-31" });
    // 10 × 3 + 4 × 3 × 0.5 = 36 revenue; cost (10 + 4) × 1.5 = 21.
    expect(summary.kpis?.revenue).toBeCloseTo(36);
    expect(summary.kpis?.units).toBe(14);
    expect(summary.kpis?.grossMargin).toBeCloseTo(15);
    expect(summary.byStore.map((s) => s.storeId)).toEqual(["a-S1"]);
    expect(summary.byCategory.map((c) => c.category)).toEqual(["Cat a"]);
    expect(await trpcCode(callerFor(database, a.users.viewer.id, a.slug).sales.summary({ from: "2026-02-01", to: "2026-01-01" }))).toBe("BAD_REQUEST");
  });
});
