import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ModelMetrics } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { listAudit } from "@/server/services/audit/list-audit";
import { getProductionModel, listModelVersions, loadArtifacts, promoteModelVersion, registerModelVersion, rollbackModel } from "@/server/services/models/registry";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";

const metrics = (rmsse: number): ModelMetrics => ({ model: { mae: 1, rmse: 1, wape: 0.3, bias: 0, rmsse, coverage80: 0.8, pinball: 0.2 } });

const version = (rmsse: number, seed: number) => ({
  algorithm: "gbdt",
  params: { trees: 300 },
  features: ["h", "dow"],
  trainedFrom: "2025-01-01",
  trainedTo: "2026-01-01",
  horizon: 28,
  metrics: metrics(rmsse),
  trainSeconds: 2.5,
  onnx: { p10: new Uint8Array([seed, 1]), p50: new Uint8Array([seed, 2]), p90: new Uint8Array([seed, 3]) },
});

describe.each(testDrivers())("model registry on %s", (driver) => {
  let database: Database;
  let a: FixtureTenant;
  let admin: Actor;
  let analyst: Actor;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    a = await createFixtureTenant(database, "a");
    admin = { tenantId: a.id, userId: a.users.admin.id, role: "admin" };
    analyst = { tenantId: a.id, userId: a.users.analyst.id, role: "analyst" };
  });
  afterAll(() => database.close());

  it("registers, promotes only improvements unless forced, archives and rolls back, all audited", async () => {
    const run = <T,>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(database, a.id, fn);
    const v1 = await run((tx) => registerModelVersion(tx, admin, version(0.9, 1)));
    const v2 = await run((tx) => registerModelVersion(tx, admin, version(0.8, 2)));
    const worse = await run((tx) => registerModelVersion(tx, admin, version(0.95, 3)));
    expect([v1.version, v2.version, worse.version]).toEqual([2, 3, 4]); // the fixture holds v1

    await expect(run((tx) => promoteModelVersion(tx, analyst, { modelVersionId: v1.id }))).rejects.toSatisfy((e) => e instanceof AppError && e.code === "forbidden:role");
    await run((tx) => promoteModelVersion(tx, admin, { modelVersionId: v1.id }));
    await run((tx) => promoteModelVersion(tx, admin, { modelVersionId: v2.id }));
    await expect(run((tx) => promoteModelVersion(tx, admin, { modelVersionId: worse.id }))).rejects.toSatisfy((e) => e instanceof AppError && e.code === "conflict:not_better");
    expect((await run((tx) => getProductionModel(tx)))?.id).toBe(v2.id);

    await run((tx) => promoteModelVersion(tx, admin, { modelVersionId: worse.id, force: true }));
    const statuses = Object.fromEntries((await run((tx) => listModelVersions(tx))).map((v) => [v.version, v.status]));
    expect(statuses).toMatchObject({ 2: "archived", 3: "archived", 4: "production" });

    const restored = await run((tx) => rollbackModel(tx, admin));
    expect(restored.id).toBe(v2.id);
    expect((await run((tx) => getProductionModel(tx)))?.id).toBe(v2.id);
    const artifacts = await run((tx) => loadArtifacts(tx, restored));
    expect(Array.from(artifacts.p50!)).toEqual([2, 2]);

    // A second rollback steps further back (to v1), not to the version just rolled back from.
    expect((await run((tx) => rollbackModel(tx, admin))).id).toBe(v1.id);
    await expect(run((tx) => rollbackModel(tx, admin))).rejects.toSatisfy((e) => e instanceof AppError && e.code === "conflict:no_previous");

    const actions = (await run((tx) => listAudit(tx, { limit: 50 }))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["model.registered", "model.promoted", "model.promoted_forced", "model.rolled_back"]));
  });

  it("refuses to compare backtests of different horizons unless forced", async () => {
    const run = <T,>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(database, a.id, fn);
    const shortHorizon = await run((tx) => registerModelVersion(tx, admin, { ...version(0.5, 9), horizon: 7 }));
    await expect(run((tx) => promoteModelVersion(tx, admin, { modelVersionId: shortHorizon.id }))).rejects.toSatisfy((e) => e instanceof AppError && e.code === "conflict:not_comparable");
    expect((await run((tx) => promoteModelVersion(tx, admin, { modelVersionId: shortHorizon.id, force: true }))).status).toBe("production");
  });

  it("another tenant sees none of it", async () => {
    const b = await createFixtureTenant(database, "b-reg");
    const versions = await withTenant(database, b.id, (tx) => listModelVersions(tx));
    expect(versions.map((v) => v.version)).toEqual([1]);
  });
});
