import Papa from "papaparse";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { modelVersions } from "@/drizzle/schema";
import { withTenant } from "@/server/db/tenant-context";
import { recordSignIn } from "@/server/services/auth/record-sign-in";
import { expectDbError } from "../helpers/expect-db-error";
import { fixtureDatabase } from "../helpers/fixture-database";
import { testDrivers } from "../helpers/test-database";
import { callerFor } from "../helpers/trpc-caller";

describe.each(testDrivers())("audit log on %s", (driver) => {
  const db = fixtureDatabase(driver);

  it("gets rows for sign-in, role change, key creation, plan change, model promotion and export; filters, pages and exports them as CSV", async () => {
    const { database, a } = db;
    const owner = callerFor(database, a.users.owner.id, a.slug);
    await recordSignIn(database, a.users.admin.id, "198.51.100.7");
    await owner.members.changeRole({ userId: a.users.viewer.id, role: "analyst" });
    const key = await owner.admin.createApiKey({ name: "ERP, nightly", scope: "read" });
    await owner.billing.changePlan({ plan: "enterprise" });
    const [model] = await withTenant(database, a.id, (tx) => tx.select({ id: modelVersions.id }).from(modelVersions));
    await owner.models.promote({ modelVersionId: model!.id, force: true });

    const actions = (await owner.admin.audit({ limit: 200 })).map((e) => e.action);
    for (const expected of ["user.signed_in", "member.role_changed", "api_key.created", "billing.plan_changed"]) expect(actions).toContain(expected);
    expect(actions.some((x) => x.startsWith("model.promoted"))).toBe(true);

    // Filters: a family, one action, a time window.
    const billing = await owner.admin.audit({ action: "billing." });
    expect(billing.map((e) => e.action)).toEqual(["billing.plan_changed"]);
    const signIns = await owner.admin.audit({ action: "user.signed_in" });
    expect(signIns).toEqual([expect.objectContaining({ actorUserId: a.users.admin.id, ip: "198.51.100.7" })]);
    expect(await owner.admin.audit({ from: new Date(Date.now() + 60_000) })).toEqual([]);
    // Paging by the last id: two pages hold what one page of four holds, in the same order.
    const four = await owner.admin.audit({ limit: 4 });
    const first = await owner.admin.audit({ limit: 2 });
    const second = await owner.admin.audit({ limit: 2, before: first[1]!.id });
    expect([...first, ...second].map((e) => e.id)).toEqual(four.map((e) => e.id));

    const { csv, rows } = await owner.admin.auditCsv({ action: "api_key." });
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true }).data;
    expect(rows).toBe(1);
    expect(parsed[0]).toMatchObject({ action: "api_key.created", actor: a.users.owner.email, target: `api_key ${key.id}`, ip: "203.0.113.9" });
    expect(JSON.parse(parsed[0]!.details!)).toEqual({ name: "ERP, nightly", scope: "read", expiresAt: null });
    expect((await owner.admin.audit({ action: "audit.exported" })).length).toBe(1);
  });

  it("the app role cannot change or delete audit rows", async () => {
    const { database, a } = db;
    await expectDbError(withTenant(database, a.id, (tx) => tx.execute(sql`update audit_log set action = 'rewritten'`)), /permission denied/);
    await expectDbError(withTenant(database, a.id, (tx) => tx.execute(sql`delete from audit_log`)), /permission denied/);
  });
});
