import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenants } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { migrateDatabase } from "@/server/db/migrate";
import { openPglite } from "@/server/db/open-pglite";
import { authenticateApiKey } from "@/server/services/api-keys/api-keys";
import { runCli } from "../helpers/run-cli";

// Each CLI run starts tsx and PGlite and migrates; a busy machine can take a while.
describe("npm run cli -- apikey (PGlite in a temporary DATA_DIR)", { timeout: 120_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "foresight-cli-"));
  let tenantId: string;

  /** Runs the CLI as a separate process against `dataDir`, never the developer's DATABASE_URL. */
  const cli = (...args: string[]) => runCli(args, { DATABASE_URL: undefined, MIGRATION_DATABASE_URL: undefined, DATA_DIR: dataDir });

  /** Opens the same directory in this process, as the server would; the CLI must not be running. */
  async function withDataDir<T>(fn: (database: Database) => Promise<T>): Promise<T> {
    const database = await openPglite(dataDir);
    try {
      return await fn(database);
    } finally {
      await database.close();
    }
  }

  beforeAll(async () => {
    tenantId = await withDataDir(async (database) => {
      await migrateDatabase(database);
      const [tenant] = await database.db
        .insert(tenants)
        .values({ slug: "cli-shop", name: "CLI Shop", branding: { displayName: "CLI Shop", primaryColor: "#000000", accentColor: "#ffffff" } })
        .returning();
      return tenant!.id;
    });
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("creates a working key, lists it, and revokes it", async () => {
    const created = await cli("apikey", "create", "--tenant", "cli-shop", "--scope", "write", "--name", "ERP sync", "--json");
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout) as { id: string; key: string; prefix: string; scope: string; tenant: string };
    expect(key).toMatchObject({ scope: "write", tenant: "cli-shop", name: "ERP sync" });
    expect(key.key.startsWith(key.prefix)).toBe(true);
    expect(await withDataDir((database) => authenticateApiKey(database, key.key))).toEqual({ tenantId, apiKeyId: key.id, scope: "write", plan: "free", billingStatus: "active", graceUntil: null });

    const listed = await cli("--json", "apikey", "list", "--tenant", "cli-shop");
    const keys = JSON.parse(listed.stdout) as { id: string; revokedAt: string | null }[];
    expect(keys).toEqual([expect.objectContaining({ id: key.id, revokedAt: null })]);
    expect(listed.stdout).not.toContain(key.key);

    const revoked = await cli("apikey", "revoke", "--tenant", "cli-shop", "--id", key.id);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(key.id);
    expect(await withDataDir((database) => authenticateApiKey(database, key.key))).toBeNull();
  });

  it("prints the key once in text mode too", async () => {
    const created = await cli("apikey", "create", "--tenant", "cli-shop", "--scope", "read", "--name", "BI dashboard");
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^fs_live_\S+$/m);
    expect(created.stdout).toMatch(/cannot be shown again/);
  });

  it("refuses an unknown tenant with a clear message", async () => {
    const result = await cli("apikey", "list", "--tenant", "no-such-shop");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No tenant with slug "no-such-shop". Known tenants: cli-shop.');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("refuses a data directory another process holds, without a stack trace", async () => {
    const result = await withDataDir(() => cli("apikey", "list", "--tenant", "cli-shop"));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`in use by process ${process.pid}`);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("--help lists every command", async () => {
    const help = await cli("--help");
    expect(help.code).toBe(0);
    for (const command of ["apikey create", "apikey list", "apikey revoke"]) expect(help.stdout).toContain(command);
    expect(help.stdout).toContain("--json");
  });
});
