import { TRPCError } from "@trpc/server";
import { eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, memberships, tenants } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withAuthRole, withTenant } from "@/server/db/tenant-context";
import { serveBrandImage } from "@/server/rest/brand-image-serve";
import { uploadLogo } from "@/server/services/branding/logo";
import { mayUseHost, tenantForHost, verifyCustomDomain } from "@/server/services/branding/custom-domain";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import { tinyPng } from "../helpers/tiny-png";
import { callerFor } from "../helpers/trpc-caller";

async function trpcError(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code, message: e.message };
    throw e;
  }
  return { code: "OK", message: "" };
}

const A_HOST = "forecasts.brand-a.test";

describe.each(testDrivers())("custom domains on %s", (driver) => {
  let database: Database;
  let a: FixtureTenant;
  let b: FixtureTenant;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    a = await createFixtureTenant(database, "a");
    b = await createFixtureTenant(database, "b");
  });
  afterAll(() => database.close());

  const adminOf = (t: FixtureTenant, host?: string) => callerFor(database, t.users.admin.id, t.slug, { host });

  it("refuses a bad hostname with 400 naming what is wrong, and stores nothing", async () => {
    const before = await adminOf(a).tenant.domain();
    for (const [hostname, message] of [
      ["https://shop.example.com/", /without https:\/\//],
      ["localhost", /fully qualified/],
      ["10.1.2.3", /IP address/],
      ["bad_label.example.com", /not a valid part/],
    ] as const) {
      const error = await trpcError(adminOf(a).tenant.setDomain({ hostname }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toMatch(message);
    }
    expect(await adminOf(a).tenant.domain()).toEqual(before);
  });

  it("sets a pending domain with its TXT record; analysts may not", async () => {
    expect((await trpcError(callerFor(database, a.users.analyst.id, a.slug).tenant.setDomain({ hostname: A_HOST }))).code).toBe("FORBIDDEN");
    const domain = await adminOf(a).tenant.setDomain({ hostname: "Forecasts.Brand-A.test." });
    expect(domain).toMatchObject({ hostname: A_HOST, status: "pending", record: { name: `_foresight.${A_HOST}`, type: "TXT" } });
    expect(domain.record.value).toMatch(/^foresight-verify=[A-Za-z0-9_-]{24}$/);
    // Setting it again changes nothing (same token).
    expect(await adminOf(a).tenant.setDomain({ hostname: A_HOST })).toEqual(domain);
    // A new name replaces the old one, with a new token.
    const other = await adminOf(a).tenant.setDomain({ hostname: "old.brand-a.test" });
    expect(other.record.value).not.toBe(domain.record.value);
    await adminOf(a).tenant.setDomain({ hostname: A_HOST });
    expect((await adminOf(a).tenant.domain())?.hostname).toBe(A_HOST);
  });

  it("a hostname another tenant holds is a 409, and the other tenant's own domain stays", async () => {
    const bBefore = await adminOf(b).tenant.setDomain({ hostname: "forecasts.brand-b.test" });
    const error = await trpcError(adminOf(b).tenant.setDomain({ hostname: A_HOST }));
    expect(error).toEqual({ code: "CONFLICT", message: `${A_HOST} is already the custom domain of another workspace.` });
    expect(await adminOf(b).tenant.domain()).toEqual(bBefore);
    expect((await adminOf(a).tenant.domain())?.hostname).toBe(A_HOST);
  });

  it("a pending domain resolves to nobody; verification needs the TXT record unless DNS is skipped", async () => {
    expect(await tenantForHost(database, A_HOST)).toBeNull();
    const actor = { tenantId: a.id, userId: a.users.admin.id, role: "admin" as const };
    const wrong = withTenant(database, a.id, (tx) => verifyCustomDomain(tx, actor, { resolveTxt: async () => [["some-other-record"]] }));
    await expect(wrong).rejects.toMatchObject({ code: "conflict:domain_unverified", message: expect.stringContaining(`_foresight.${A_HOST} do not contain`) });
    const missing = withTenant(database, a.id, (tx) =>
      verifyCustomDomain(tx, actor, { resolveTxt: async () => Promise.reject(Object.assign(new Error("queryTxt ENOTFOUND"), { code: "ENOTFOUND" })) }),
    );
    await expect(missing).rejects.toMatchObject({ code: "conflict:domain_unverified", message: expect.stringContaining("ENOTFOUND") });
    expect(await tenantForHost(database, A_HOST)).toBeNull();

    const { record } = (await adminOf(a).tenant.domain())!;
    const looked: string[] = [];
    // TXT records may arrive split in 255-byte chunks: they are joined before comparing.
    const verified = await withTenant(database, a.id, (tx) =>
      verifyCustomDomain(tx, actor, {
        resolveTxt: async (name) => {
          looked.push(name);
          return [["v=spf1 -all"], [record.value.slice(0, 10), record.value.slice(10)]];
        },
      }),
    );
    expect(looked).toEqual([`_foresight.${A_HOST}`]);
    expect(verified.status).toBe("verified");
    expect(await tenantForHost(database, A_HOST)).toMatchObject({ id: a.id, slug: a.slug, branding: { displayName: "Brand a" } });
    const audit = await withTenant(database, a.id, (tx) => tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, A_HOST)));
    expect(audit.map((r) => r.action).sort()).toEqual(["tenant.domain_set", "tenant.domain_set", "tenant.domain_verified"]);
  });

  it("unknown hosts, localhost and the app's own host resolve to nobody", async () => {
    for (const host of [undefined, "localhost", "127.0.0.1", "app.example.test", "forecasts.brand-b.test"]) expect(await tenantForHost(database, host)).toBeNull();
  });

  it("on A's domain tRPC serves A only: B's members, and A's members naming B, get 404", async () => {
    expect((await callerFor(database, a.users.viewer.id, a.slug, { host: A_HOST }).catalog.stores()).map((s) => s.id)).toEqual(["a-S1"]);
    expect((await trpcError(callerFor(database, b.users.owner.id, b.slug, { host: A_HOST }).catalog.stores())).code).toBe("NOT_FOUND");
    // A member of both tenants reaches B on the app's own host, never on A's domain.
    await withTenant(database, b.id, (tx) => tx.insert(memberships).values({ tenantId: b.id, userId: a.users.owner.id, role: "viewer" }));
    expect((await callerFor(database, a.users.owner.id, b.slug).catalog.stores()).map((s) => s.id)).toEqual(["b-S1"]);
    expect((await trpcError(callerFor(database, a.users.owner.id, b.slug, { host: A_HOST }).catalog.stores())).code).toBe("NOT_FOUND");
    expect((await trpcError(callerFor(database, a.users.owner.id, b.slug, { host: A_HOST }).tenant.current())).code).toBe("NOT_FOUND");
  });

  it("signing in on A's domain is for A's members only", async () => {
    expect(await mayUseHost(database, a.users.viewer.id, A_HOST)).toBe(true);
    expect(await mayUseHost(database, b.users.viewer.id, A_HOST)).toBe(false);
    expect(await mayUseHost(database, b.users.viewer.id, "app.example.test")).toBe(true);
  });

  it("A's domain serves A's logo to anyone (its sign-in page shows it), and never B's", async () => {
    for (const t of [a, b]) {
      await withTenant(database, t.id, (tx) => uploadLogo(tx, { tenantId: t.id, role: "admin" }, { name: "mark.png", type: "image/png", bytes: tinyPng() }));
    }
    const get = (slug: string, host: string, userId: string | null) =>
      serveBrandImage("logo", new Request(`http://${host}/api/tenant-logo/${slug}`, { headers: { host } }), slug, { database, userId });
    const logo = await get(a.slug, A_HOST, null);
    expect(logo.status).toBe(200);
    expect(logo.headers.get("content-type")).toBe("image/png");
    expect((await get(b.slug, A_HOST, null)).status).toBe(404);
    expect((await get(b.slug, A_HOST, b.users.owner.id)).status).toBe(404);
    // On the app's own host, as before: members only.
    expect((await get(b.slug, "app.example.test", null)).status).toBe(401);
    expect((await get(b.slug, "app.example.test", a.users.viewer.id)).status).toBe(404);
    expect((await get(b.slug, "app.example.test", b.users.viewer.id)).status).toBe(200);
  });

  it("the app role reads and changes only its own tenant's domain; the identity role reads all and changes none", async () => {
    const seenByB = await withTenant(database, b.id, (tx) => tx.select({ h: tenants.customDomain }).from(tenants));
    expect(seenByB).toEqual([{ h: "forecasts.brand-b.test" }]);
    const all = await withAuthRole(database, (tx) => tx.select({ h: tenants.customDomain }).from(tenants).where(isNotNull(tenants.customDomain)));
    expect(all.map((r) => r.h).sort()).toEqual([A_HOST, "forecasts.brand-b.test"].sort());
    await expect(withAuthRole(database, (tx) => tx.update(tenants).set({ customDomainStatus: "verified" }).where(eq(tenants.id, b.id)))).rejects.toThrow();
    const changed = await withTenant(database, b.id, (tx) => tx.update(tenants).set({ customDomain: "stolen.brand-b.test" }).where(eq(tenants.id, a.id)).returning({ id: tenants.id }));
    expect(changed).toEqual([]);
    expect((await adminOf(a).tenant.domain())?.hostname).toBe(A_HOST);
  });

  it("removing the domain makes its host unknown again at once", async () => {
    expect(await adminOf(a).tenant.removeDomain()).toEqual({ hostname: A_HOST });
    expect(await tenantForHost(database, A_HOST)).toBeNull();
    expect((await callerFor(database, b.users.owner.id, b.slug, { host: A_HOST }).catalog.stores()).map((s) => s.id)).toEqual(["b-S1"]);
  });
});
