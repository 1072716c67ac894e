import { randomBytes } from "node:crypto";
import { count, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sales, stores, tenants, users } from "@/drizzle/schema";
import { assertAppLoginRole, inspectConnectionRole } from "@/server/db/connection-role";
import type { Database } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { openPostgres } from "@/server/db/open-postgres";
import { withAuthRole, withTenant } from "@/server/db/tenant-context";
import { authenticateApiKey } from "@/server/services/api-keys/api-keys";
import { verifyCredentials } from "@/server/services/auth/verify-credentials";
import { DEMO_PASSWORD, seedDemoTenants } from "@/server/services/demo-data/seed-demo";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";
import type { TenantConfig } from "@/server/tenants/tenant-config";
import { expectDbError } from "../helpers/expect-db-error";
import { runCli, runNpmScript } from "../helpers/run-cli";
import { serverUrl, uniqueTestName, withServerAdmin } from "../helpers/test-database";

const SCALE = { stores: 2, items: 4, days: 40 };

/** An npm script that must succeed. */
async function npmRun(script: string, args: string[], env: Record<string, string | undefined>) {
  const result = await runNpmScript(script, args, env);
  if (result.code !== 0) throw new Error(`npm run ${script} exited ${result.code}: ${result.stderr}`);
  return result;
}

/**
 * The README's "own PostgreSQL" set-up on a scratch database: an owner that is NOT a superuser
 * (only CREATEROLE, as managed PostgreSQL gives), owning the database, and the app's login role
 * made by `npm run db:create-app-role`.
 */
async function createOwnedDatabase() {
  const name = uniqueTestName("roles");
  const owner = { name: `${name}_owner`, password: randomBytes(18).toString("base64url") };
  const app = { name: `${name}_app`, password: randomBytes(18).toString("base64url") };
  await withServerAdmin(async (admin) => {
    await admin.unsafe(`CREATE ROLE ${owner.name} LOGIN CREATEROLE PASSWORD '${owner.password}'`);
    await admin.unsafe(`CREATE DATABASE ${name} OWNER ${owner.name}`);
  });
  return {
    name,
    owner,
    app,
    ownerUrl: serverUrl(name, owner),
    appUrl: serverUrl(name, app),
    drop: () =>
      withServerAdmin(async (admin) => {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.unsafe(`DROP ROLE IF EXISTS ${app.name}`);
        await admin.unsafe(`DROP ROLE IF EXISTS ${owner.name}`);
      }),
  };
}

describe.runIf(process.env.DATABASE_URL)("the README's own-PostgreSQL path: a non-superuser owner and a login role", { timeout: 240_000 }, () => {
  let setup: Awaited<ReturnType<typeof createOwnedDatabase>>;
  let owner: Database;
  let app: Database;
  let configs: TenantConfig[];
  let seededIds: string[];

  beforeAll(async () => {
    setup = await createOwnedDatabase();
    configs = await loadTenantConfigs();
    // The same commands the README gives, run as their own processes.
    await npmRun("db:migrate", [], { DATABASE_URL: setup.ownerUrl, MIGRATION_DATABASE_URL: undefined });
    await npmRun("db:create-app-role", ["--name", setup.app.name, "--password", setup.app.password], { DATABASE_URL: undefined, MIGRATION_DATABASE_URL: setup.ownerUrl });
    owner = await openPostgres(setup.ownerUrl, { max: 4 });
    app = await openPostgres(setup.appUrl, { max: 4 });
    // `npm run db:seed` is this function at full size (about a minute): the same code at a small scale.
    seededIds = (await seedDemoTenants(owner, { scale: SCALE, configs })).tenants.map((t) => t.tenantId);
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await owner?.close();
    await setup?.drop();
  });

  it("the owner is neither superuser nor BYPASSRLS, so FORCE binds it", async () => {
    expect(await inspectConnectionRole(owner)).toMatchObject({ superuser: false, bypassRls: false, owner: true });
    // Outside the seed's own transactions the owner sees no tenant row (FORCE is back on).
    expect(await owner.db.select({ n: count() }).from(sales)).toEqual([{ n: 0 }]);
  });

  it("the owner seeded every demo tenant completely", async () => {
    expect(seededIds).toHaveLength(configs.length);
    for (const id of seededIds) {
      const [row] = await withTenant(app, id, (tx) => tx.select({ n: count() }).from(stores));
      expect(row?.n).toBe(SCALE.stores);
    }
    const [forced] = await executeRows(owner.db, sql`select bool_and(relforcerowsecurity) as forced from pg_class where relrowsecurity`);
    expect(forced).toEqual({ forced: true });
  });

  it("the app's login role passes the start-up check and serves sign-in and tenant data", async () => {
    expect(await assertAppLoginRole(app)).toMatchObject({ name: setup.app.name, superuser: false, bypassRls: false, owner: false, inheritsAppRoles: false });
    const demoOwner = configs[0]!.demoUsers.find((u) => u.role === "owner")!;
    expect(await verifyCredentials(app, { email: demoOwner.email, password: DEMO_PASSWORD }, "192.0.2.1")).toMatchObject({ ok: true });
    const visible = await withAuthRole(app, (tx) => tx.select({ slug: tenants.slug }).from(tenants));
    expect(visible.map((t) => t.slug).sort()).toEqual(configs.map((c) => c.slug).sort());
    await expectDbError(app.db.select().from(users), /permission denied/);
  });

  it("the CLI runs as the login role in login-role mode, migrating through MIGRATION_DATABASE_URL", async () => {
    const slug = configs[0]!.slug;
    const created = await runCli(["apikey", "create", "--tenant", slug, "--scope", "read", "--name", "roles test", "--json"], { DATABASE_URL: setup.appUrl, MIGRATION_DATABASE_URL: setup.ownerUrl });
    expect(created.code, created.stderr).toBe(0);
    const { key } = JSON.parse(created.stdout) as { key: string };
    expect(await authenticateApiKey(app, key)).toMatchObject({ tenantId: seededIds[0], scope: "read" });
  });

  it("refuses to serve when DATABASE_URL is the owner while a separate MIGRATION_DATABASE_URL is set", async () => {
    const refused = await runCli(["apikey", "list", "--tenant", configs[0]!.slug], { DATABASE_URL: setup.ownerUrl, MIGRATION_DATABASE_URL: `${setup.ownerUrl}?application_name=migrations` });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/will not serve tenant data as: it owns the schema or its tables/);
  });

  it("says what is missing when a login role alone is asked to migrate", async () => {
    const failure = await runNpmScript("db:migrate", [], { DATABASE_URL: setup.appUrl, MIGRATION_DATABASE_URL: undefined });
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/needs the schema owner, but DATABASE_URL is a login role: set MIGRATION_DATABASE_URL/);
  });
});

describe.runIf(process.env.DATABASE_URL)("a seed by a non-superuser owner that fails half-way", { timeout: 120_000 }, () => {
  let setup: Awaited<ReturnType<typeof createOwnedDatabase>>;
  let owner: Database;

  beforeAll(async () => {
    setup = await createOwnedDatabase();
    await npmRun("db:migrate", [], { DATABASE_URL: setup.ownerUrl, MIGRATION_DATABASE_URL: undefined });
    owner = await openPostgres(setup.ownerUrl, { max: 4 });
  }, 120_000);
  afterAll(async () => {
    await owner?.close();
    await setup?.drop();
  });

  it("undoes the failed tenant through the owner's own transaction", async () => {
    const configs = await loadTenantConfigs();
    let onlineChunks = 0;
    const failing: Database = {
      ...owner,
      copyRows: async (table, columns, csv) => {
        if (table === "online" && ++onlineChunks === 2) throw new Error("disk full");
        await owner.copyRows(table, columns, csv);
      },
    };
    await expect(seedDemoTenants(failing, { scale: SCALE, configs })).rejects.toThrow("disk full");
    const slugs = await withAuthRole(owner, (tx) => tx.select({ slug: tenants.slug }).from(tenants));
    expect(slugs.map((t) => t.slug)).toEqual([configs[0]!.slug]);
    const emails = await withAuthRole(owner, (tx) => tx.select({ email: users.email }).from(users));
    expect(emails.map((u) => u.email).sort()).toEqual(configs[0]!.demoUsers.map((u) => u.email).sort());
  });
});
