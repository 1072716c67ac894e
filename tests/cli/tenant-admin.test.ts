import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, memberships, users } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { migrateDatabase } from "@/server/db/migrate";
import { openPglite } from "@/server/db/open-pglite";
import { withAuthRole, withTenant } from "@/server/db/tenant-context";
import { hashPassword } from "@/server/auth/password";
import { recordUsage } from "@/server/services/billing/usage";
import { runCli } from "../helpers/run-cli";

describe("npm run cli -- tenant create, user add, plan set, usage (PGlite in a temporary DATA_DIR)", { timeout: 240_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "foresight-cli-admin-"));
  const cli = (...args: string[]) => runCli(args, { DATABASE_URL: undefined, MIGRATION_DATABASE_URL: undefined, DATA_DIR: dataDir, AUTH_URL: "https://app.example.test" });

  async function withDataDir<T>(fn: (database: Database) => Promise<T>): Promise<T> {
    const database = await openPglite(dataDir);
    try {
      return await fn(database);
    } finally {
      await database.close();
    }
  }

  beforeAll(async () => {
    const hash = await hashPassword("long enough password");
    await withDataDir(async (database) => {
      await migrateDatabase(database);
      await withAuthRole(database, (tx) => tx.insert(users).values([{ email: "ops@example.test", name: "Ops", passwordHash: hash }, { email: "ann@example.test", name: "Ann", passwordHash: hash }]));
    });
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("creates a tenant whose existing owner joins, adds members up to the seats, changes the plan and reports usage", async () => {
    const created = await cli("--json", "tenant", "create", "--name", "Contoso Retail", "--owner-email", "ops@example.test");
    expect(created.code, created.stderr).toBe(0);
    const tenant = JSON.parse(created.stdout) as { id: string; slug: string; plan: string; owner: { joined: boolean } };
    expect(tenant).toMatchObject({ slug: "contoso-retail", plan: "free", owner: { joined: true } });

    const again = await cli("tenant", "create", "--name", "Contoso Retail", "--owner-email", "ops@example.test");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('A tenant with slug "contoso-retail" exists already');

    const ann = await cli("--json", "user", "add", "--tenant", "contoso-retail", "--email", "ann@example.test", "--role", "analyst");
    expect(JSON.parse(ann.stdout)).toEqual({ email: "ann@example.test", role: "analyst", joined: true });
    const bob = await cli("user", "add", "--tenant", "contoso-retail", "--email", "bob@example.test", "--role", "viewer");
    expect(bob.code, bob.stderr).toBe(0);
    expect(bob.stdout).toMatch(/bob@example\.test has no account yet.*\n\s+https:\/\/app\.example\.test\/invite\/[\w-]{20,}/);
    // Free has 3 seats: the owner, Ann and Bob's open invitation.
    const carol = await cli("user", "add", "--tenant", "contoso-retail", "--email", "carol@example.test", "--role", "viewer");
    expect(carol.code).toBe(1);
    expect(carol.stderr).toContain("The Free plan allows 3 members (seats)");
    const badRole = await cli("user", "add", "--tenant", "contoso-retail", "--email", "x@example.test", "--role", "god");
    expect(badRole.code).toBe(1);

    const plan = await cli("--json", "plan", "set", "--tenant", "contoso-retail", "--plan", "pro");
    expect(JSON.parse(plan.stdout)).toEqual({ tenant: "contoso-retail", plan: "pro", previous: "free" });
    expect((await cli("user", "add", "--tenant", "contoso-retail", "--email", "carol@example.test", "--role", "viewer")).code).toBe(0);

    await withDataDir((database) => withTenant(database, tenant.id, (tx) => recordUsage(tx, tenant.id, { metric: "reports", unitKey: "report-1" })));
    const usage = await cli("--json", "usage", "--tenant", "contoso-retail");
    const report = JSON.parse(usage.stdout) as { plan: string; mode: string; monthly: { metric: string; used: number; limit: number | null }[]; counted: { limit: string; used: number | null; max: number }[] };
    expect(report).toMatchObject({ plan: "pro", mode: "local" });
    expect(report.monthly.find((m) => m.metric === "reports")).toEqual({ metric: "reports", used: 1, limit: 500 });
    expect(report.counted.find((c) => c.limit === "seats")).toEqual({ limit: "seats", used: 4, max: 25 });
    const text = await cli("usage", "--tenant", "contoso-retail");
    expect(text.stdout).toMatch(/reports per month\s+1\s+500/);

    const { members, actions } = await withDataDir((database) =>
      withTenant(database, tenant.id, async (tx) => ({
        members: await tx.select({ role: memberships.role }).from(memberships),
        actions: (await tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.tenantId, tenant.id))).map((r) => r.action),
      })),
    );
    expect(members.map((m) => m.role).sort()).toEqual(["analyst", "owner"]);
    expect(actions).toEqual(expect.arrayContaining(["tenant.created", "member.added", "member.invited", "billing.plan_changed"]));
  });
});
