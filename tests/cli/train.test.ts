import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/server/db/migrate";
import { openPglite } from "@/server/db/open-pglite";
import { withTenant } from "@/server/db/tenant-context";
import { seedDemoTenants } from "@/server/services/demo-data/seed-demo";
import { listTrainingRuns } from "@/server/services/forecasting/training-runs";
import { getProductionModel } from "@/server/services/models/registry";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";
import { runCli } from "../helpers/run-cli";

describe("npm run cli -- train / backtest --tenant (PGlite in a temporary DATA_DIR)", { timeout: 240_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "foresight-train-"));
  let tenantId: string;

  const env = { DATABASE_URL: undefined, MIGRATION_DATABASE_URL: undefined, DATA_DIR: dataDir };
  async function cli(...args: string[]) {
    const result = await runCli(args, env);
    if (result.code !== 0) throw new Error(`cli ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
    return result;
  }

  async function withDataDir<T>(fn: (database: Awaited<ReturnType<typeof openPglite>>) => Promise<T>): Promise<T> {
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
      const configs = (await loadTenantConfigs()).filter((c) => c.slug === "acme-grocers");
      const seeded = await seedDemoTenants(database, { configs, scale: { stores: 2, items: 5, days: 200 } });
      return seeded.tenants[0]!.tenantId;
    });
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("backtest --tenant prints the same JSON shape as --data and registers nothing", async () => {
    const { stdout } = await cli("backtest", "--tenant", "acme-grocers", "--horizon", "7", "--folds", "2", "--trees", "15", "--json");
    const result = JSON.parse(stdout) as { series: number; folds: number; horizon: number; metrics: Record<string, { rmsse: number | null }> };
    expect(result).toMatchObject({ series: 10, folds: 2, horizon: 7 });
    expect(Object.keys(result.metrics)).toEqual(expect.arrayContaining(["model", "seasonal_naive", "holt_winters"]));
    expect(await withDataDir((database) => withTenant(database, tenantId, (tx) => getProductionModel(tx)))).toBeNull();
  });

  it("train --tenant registers, promotes and records the run", async () => {
    const { stdout, stderr } = await cli("train", "--tenant", "acme-grocers", "--horizon", "7", "--folds", "2", "--trees", "15", "--json");
    const result = JSON.parse(stdout) as { version: number; status: string; promoted: boolean; forecastRows: number; metrics: Record<string, unknown> };
    expect(result).toMatchObject({ version: 1, status: "production", promoted: true, forecastRows: 10 * 7 });
    expect(stderr).toContain("backtest fold 2 of 2");
    const [production, runs] = await withDataDir((database) => withTenant(database, tenantId, async (tx) => [await getProductionModel(tx), await listTrainingRuns(tx)] as const));
    expect(production?.version).toBe(1);
    expect(runs[0]).toMatchObject({ status: "succeeded", progress: 1, modelVersionId: production?.id });
  });

  it("refuses an unknown tenant and a --data/--tenant mix with clear messages", async () => {
    expect(await runCli(["train", "--tenant", "nope", "--json"], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('No tenant with slug \\"nope\\"') });
    expect(await runCli(["backtest", "--tenant", "acme-grocers", "--data", dataDir, "--json"], env)).toMatchObject({ code: 1, stderr: expect.stringContaining("exactly one of --data DIR or --tenant SLUG") });
  });
});
